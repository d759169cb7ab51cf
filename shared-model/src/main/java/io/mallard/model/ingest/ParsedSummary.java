package io.mallard.model.ingest;

import java.time.Instant;
import java.util.List;

/**
 * The few parsed fields a message listing shows: read alone, without the envelope, body
 * structure, text and MIME tree that a full {@link ParsedMessage} carries.
 */
public record ParsedSummary(List<MailAddress> from, List<MailAddress> to, List<MailAddress> cc, String subject,
        Instant date, boolean hasAttachments) {

    public ParsedSummary {
        from = List.copyOf(from);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
    }
}
