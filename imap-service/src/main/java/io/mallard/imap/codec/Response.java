package io.mallard.imap.codec;

import java.util.List;

/** A server response (RFC 9051 §7) as a value; {@link ResponseEncoder} turns it into octets. */
public sealed interface Response {

    enum Status { OK, NO, BAD, PREAUTH, BYE }

    /** {@code tag status [code] text}; {@code code} without brackets, or {@code null}. */
    record Tagged(String tag, Status status, String code, String text) implements Response {
    }

    /** {@code * status [code] text}. */
    record Condition(Status status, String code, String text) implements Response {
    }

    /** {@code * value value ...}, e.g. {@code * 3 EXISTS} or {@code * 1 FETCH (...)}. */
    record Data(List<Value> values) implements Response {
        public Data {
            values = List.copyOf(values);
        }

        public static Data of(Value... values) {
            return new Data(List.of(values));
        }
    }

    /** {@code + text} (RFC 9051 §7.5). */
    record Continuation(String text) implements Response {
    }
}
