package io.mallard.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapSyntaxException;
import io.mallard.imap.codec.Response;
import io.mallard.imap.codec.Value;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.message.MailboxCounts;

/**
 * The STATUS response of one mailbox (RFC 9051 §7.3.1), for STATUS and for LIST's RFC 5819
 * {@code RETURN (STATUS (...))}. RECENT is always 0 (Gmail-like: no session owns a message).
 */
final class StatusItems {

    static final Set<String> NAMES = Set.of("MESSAGES", "RECENT", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "HIGHESTMODSEQ");

    private StatusItems() {
    }

    /** An unknown item is the client's error, found before anything is answered. */
    static void check(List<String> names) {
        for (String name : names) {
            if (!NAMES.contains(name)) {
                throw new ImapSyntaxException("Unknown STATUS item " + name);
            }
        }
    }

    static Response response(Mailbox mailbox, List<String> names, MailboxCounts counts) {
        List<Value> items = new ArrayList<>();
        for (String name : names) {
            long value = switch (name) {
                case "MESSAGES" -> counts.exists();
                case "RECENT" -> 0;
                case "UIDNEXT" -> counts.uidNext();
                case "UIDVALIDITY" -> counts.uidValidity();
                case "UNSEEN" -> counts.unseen();
                case "HIGHESTMODSEQ" -> counts.highestModseq();
                default -> throw new ImapSyntaxException("Unknown STATUS item " + name);
            };
            items.add(Value.atom(name));
            items.add(Value.atom(value));
        }
        return Response.Data.of(Value.atom("STATUS"), Value.mailbox(mailbox.path()), Value.list(items));
    }
}
