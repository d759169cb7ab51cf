package io.mallard.api.webhooks;

import java.util.Map;

import io.mallard.model.journal.ChangeEvent;
import io.mallard.model.journal.Journal;
import io.mallard.model.webhook.WebhookEvent;

/**
 * Mailbox and message changes as webhook events: each journal entry becomes one event named by
 * the entry's id, so every reading of the entry publishes the same event.
 */
final class JournalEvents {

    private JournalEvents() {
    }

    static WebhookEvent of(Journal.Written written) {
        ChangeEvent change = written.event();
        String mailbox = change.mailbox().toHexString();
        return switch (change.command()) {
            case EXISTS -> event(written, "message.new", Map.of("mailbox", mailbox, "uid", change.uid(),
                    "flags", change.flags()));
            case FLAGS -> event(written, "message.updated", Map.of("mailbox", mailbox, "uid", change.uid(),
                    "flags", change.flags()));
            case EXPUNGE -> event(written, "message.deleted", Map.of("mailbox", mailbox, "uid", change.uid()));
            case CREATE -> event(written, "mailbox.created", mailboxFields(mailbox, change));
            case RENAME -> event(written, "mailbox.renamed", mailboxFields(mailbox, change));
            case DELETE -> event(written, "mailbox.deleted", mailboxFields(mailbox, change));
            case NONE -> throw new IllegalArgumentException("a MODSEQ placeholder is no event: " + written.id());
        };
    }

    private static Map<String, Object> mailboxFields(String mailbox, ChangeEvent change) {
        return change.path() == null ? Map.of("mailbox", mailbox) : Map.of("mailbox", mailbox, "path", change.path());
    }

    private static WebhookEvent event(Journal.Written written, String type, Map<String, Object> fields) {
        return new WebhookEvent(written.id().toHexString(), type, written.event().user(), written.event().created(),
                fields);
    }
}
