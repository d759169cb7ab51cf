package io.mallard.model.message;

/**
 * What a STORE did to one message.
 *
 * @param message the message as it is now: with its new flags and MODSEQ when {@code CHANGED},
 *     as found otherwise
 */
public record FlagChange(Message message, Outcome outcome) {

    public enum Outcome {
        /** The flags changed and the message got a new MODSEQ. */
        CHANGED,
        /** The flags were already as asked; the MODSEQ stays (RFC 7162 3.1.3 SHOULD NOT change). */
        UNCHANGED,
        /** Modified after the UNCHANGEDSINCE value, so left alone (RFC 7162 3.1.3 MODIFIED). */
        MODIFIED
    }
}
