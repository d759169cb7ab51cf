package io.mallard.model.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;

/**
 * Builds the entity tree of a raw message: mime4j reads each header block and its Content-Type
 * (boundary included), and this class finds where that header ends and where the boundary
 * delimiters stand, so every part keeps exact byte offsets into the raw message.
 *
 * <p>Malformed input is located as leniently as mail clients read it: a header with no blank
 * line is all header, a multipart with no delimiter becomes one text part, a missing close
 * delimiter ends the last part at the end of its parent.
 */
final class PartLocator {

    /** Deeper nesting than this is treated as an opaque leaf, so hostile input cannot exhaust the stack. */
    private static final int MAX_DEPTH = 40;

    private final byte[] raw;

    PartLocator(byte[] raw) {
        this.raw = raw;
    }

    Entity locate() {
        return entity(0, raw.length, false, 0);
    }

    private Entity entity(int start, int end, boolean digestChild, int depth) {
        int bodyStart = bodyStart(start, end);
        HeaderBlock header = bodyStart == start ? HeaderBlock.EMPTY : HeaderBlock.parse(raw, start, bodyStart);
        RawBody body = MimeParams.parse(header, "Content-Type");
        String type = digestChild ? "message" : "text";
        String subtype = digestChild ? "rfc822" : "plain";
        List<NameValuePair> params = digestChild ? List.of() : List.of(new NameValuePair("charset", "us-ascii"));
        String mime = body == null ? "" : body.getValue().toLowerCase(Locale.ROOT).strip();
        int slash = mime.indexOf('/');
        // RFC 2045 §5.2: a missing or unreadable Content-Type means the default type.
        if (slash > 0 && slash < mime.length() - 1) {
            type = mime.substring(0, slash).strip();
            subtype = mime.substring(slash + 1).strip();
            params = MimeParams.params(body);
        }
        Entity leaf = new Entity(header, start, bodyStart, end, type, subtype, params, List.of(), null);
        boolean identity = isIdentityEncoding(leaf.transferEncoding());
        if (depth >= MAX_DEPTH || !identity) {
            return leaf;
        }
        if (type.equals("multipart")) {
            String boundary = leaf.param("boundary");
            List<Entity> children = boundary == null || boundary.isEmpty()
                    ? List.of()
                    : children(bodyStart, end, boundary, subtype.equals("digest"), depth + 1);
            if (children.isEmpty()) {
                // A multipart without parts cannot be expressed in BODYSTRUCTURE; read its body as text.
                children = List.of(new Entity(HeaderBlock.EMPTY, bodyStart, bodyStart, end, "text", "plain",
                        List.of(new NameValuePair("charset", "us-ascii")), List.of(), null));
            }
            return new Entity(header, start, bodyStart, end, type, subtype, params, children, null);
        }
        if (type.equals("message") && (subtype.equals("rfc822") || subtype.equals("global"))) {
            Entity message = entity(bodyStart, end, false, depth + 1);
            return new Entity(header, start, bodyStart, end, type, subtype, params, List.of(), message);
        }
        return leaf;
    }

    /** RFC 2045 §6.4: composite types may only use 7bit, 8bit or binary; anything else stays opaque. */
    private static boolean isIdentityEncoding(String encoding) {
        return encoding == null || encoding.isEmpty() || encoding.equals("7bit") || encoding.equals("8bit")
                || encoding.equals("binary");
    }

    /** Offset just past the first empty line, or {@code end} when the header never ends. */
    private int bodyStart(int start, int end) {
        int line = start;
        while (line < end) {
            int lineEnd = lineEnd(line, end);
            int contentEnd = lineEnd;
            if (contentEnd > line && raw[contentEnd - 1] == '\n') {
                contentEnd--;
            }
            if (contentEnd > line && raw[contentEnd - 1] == '\r') {
                contentEnd--;
            }
            if (contentEnd == line && lineEnd > line) {
                return lineEnd;
            }
            line = lineEnd;
        }
        return end;
    }

    /** Offset just past the LF ending the line that starts at {@code from}, or {@code end}. */
    private int lineEnd(int from, int end) {
        for (int i = from; i < end; i++) {
            if (raw[i] == '\n') {
                return i + 1;
            }
        }
        return end;
    }

    /** RFC 2046 §5.1.1: parts lie between delimiter lines; the break before a delimiter is part of it. */
    private List<Entity> children(int start, int end, String boundary, boolean digest, int depth) {
        List<Entity> children = new ArrayList<>();
        int partStart = -1;
        int line = start;
        while (line < end) {
            int lineEnd = lineEnd(line, end);
            int kind = delimiter(line, lineEnd, boundary);
            if (kind != NOT_DELIMITER) {
                if (partStart >= 0) {
                    children.add(entity(partStart, breakBefore(line, partStart), digest, depth));
                }
                if (kind == CLOSE) {
                    return children;
                }
                partStart = lineEnd;
            }
            line = lineEnd;
        }
        if (partStart >= 0) {
            children.add(entity(partStart, Math.max(partStart, end), digest, depth));
        }
        return children;
    }

    private int breakBefore(int line, int floor) {
        int at = line;
        if (at > floor && raw[at - 1] == '\n') {
            at--;
            if (at > floor && raw[at - 1] == '\r') {
                at--;
            }
        }
        return at;
    }

    private static final int NOT_DELIMITER = 0;
    private static final int OPEN = 1;
    private static final int CLOSE = 2;

    private int delimiter(int line, int lineEnd, String boundary) {
        int length = boundary.length();
        if (lineEnd - line < length + 2 || raw[line] != '-' || raw[line + 1] != '-') {
            return NOT_DELIMITER;
        }
        for (int i = 0; i < length; i++) {
            if ((raw[line + 2 + i] & 0xff) != boundary.charAt(i)) {
                return NOT_DELIMITER;
            }
        }
        int at = line + 2 + length;
        int kind = OPEN;
        if (at + 1 < lineEnd && raw[at] == '-' && raw[at + 1] == '-') {
            kind = CLOSE;
            at += 2;
        }
        // Only transport padding may follow the boundary (RFC 2046 §5.1.1), which also keeps a
        // boundary from matching a longer one it is a prefix of.
        for (; at < lineEnd; at++) {
            byte b = raw[at];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return NOT_DELIMITER;
            }
        }
        return kind;
    }
}
