package io.mallard.protocol.codec;

/**
 * Finds an IMAP literal announcement at the end of a line: {@code {n}} (synchronizing,
 * RFC 9051 §4.3), {@code {n+}} (non-synchronizing, RFC 7888 §3) and a {@code ~} prefix for
 * literal8 (RFC 3516 §4.3). Pure and allocation-free.
 *
 * <p>A count too large for a {@code long} is reported as {@link Long#MAX_VALUE} rather than
 * rejected here: it is still an announcement, and the decoder refuses it as too big.
 */
public final class ImapLiteralDetector implements LiteralDetector {

    @Override
    public LiteralStart detect(byte[] line) {
        int end = line.length - 1;
        if (end < 2 || line[end] != '}') {
            return null;
        }
        int digitsEnd = end;
        boolean synchronizing = true;
        if (line[end - 1] == '+') {
            synchronizing = false;
            digitsEnd = end - 1;
        }
        int digitsStart = digitsEnd;
        while (digitsStart > 0 && isDigit(line[digitsStart - 1])) {
            digitsStart--;
        }
        if (digitsStart == digitsEnd || digitsStart == 0 || line[digitsStart - 1] != '{') {
            return null;
        }
        boolean binary = digitsStart >= 2 && line[digitsStart - 2] == '~';
        return new LiteralStart(parseCount(line, digitsStart, digitsEnd), synchronizing, binary);
    }

    private static long parseCount(byte[] line, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = line[i] - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                return Long.MAX_VALUE;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
