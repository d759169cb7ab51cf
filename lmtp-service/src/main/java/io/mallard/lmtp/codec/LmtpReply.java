package io.mallard.lmtp.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * A reply: a code (RFC 5321 §4.2), an enhanced status code (RFC 2034, RFC 3463; {@code null} in
 * the LHLO reply) and text lines.
 * All lines but the last use the {@code code-} continuation form (RFC 5321 §4.2.1).
 */
public record LmtpReply(int code, String status, List<String> texts) {

    public LmtpReply {
        texts = List.copyOf(texts);
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("a reply has at least one line");
        }
    }

    public static LmtpReply of(int code, String status, String text) {
        return new LmtpReply(code, status, List.of(text));
    }

    /** Positive (2xx) replies, the only ones after which a recipient counts as accepted. */
    public boolean positive() {
        return code >= 200 && code < 300;
    }

    /** The wire lines, without CRLF; texts never contain CR or LF, so a client cannot forge a line. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String separator = i < texts.size() - 1 ? "-" : " ";
            // RFC 2034 §3: every line carries the enhanced code, except in the LHLO reply.
            String prefix = status == null ? "" : status + " ";
            lines.add(code + separator + prefix + clean(texts.get(i)));
        }
        return lines;
    }

    private static String clean(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }
}
