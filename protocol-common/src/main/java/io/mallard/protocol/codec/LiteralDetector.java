package io.mallard.protocol.codec;

/**
 * Decides, from a complete line, whether counted octets follow it. Pure: it only reads the line.
 * IMAP uses {@link ImapLiteralDetector}; a protocol can also announce its own counted blocks
 * this way, at decode time, which matters when the client sends them without waiting.
 */
@FunctionalInterface
public interface LiteralDetector {

    /** No line ever announces a literal (POP3, LMTP). */
    LiteralDetector NONE = line -> null;

    /** @return the announced literal, or {@code null} when none follows this line */
    LiteralStart detect(byte[] line);
}
