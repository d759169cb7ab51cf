package io.mallard.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapSyntaxException;
import io.mallard.imap.codec.Response;
import io.mallard.imap.codec.Value;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.imap.session.ImapConnection;
import io.mallard.model.message.MailboxCounts;
import io.mallard.model.message.MessageListing;
import reactor.core.publisher.Mono;

/**
 * The STATUS response of one mailbox (RFC 9051 §7.3.1), for STATUS and for LIST's RFC 5819
 * {@code RETURN (STATUS (...))}, with RFC 8438 SIZE and RFC 9051's DELETED. RECENT is always 0
 * (Gmail-like: no session owns a message) and not an item at all in IMAP4rev2 (RFC 9051 §6.3.11).
 */
final class StatusItems {

    static final Set<String> NAMES = Set.of("MESSAGES", "RECENT", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "HIGHESTMODSEQ",
            "SIZE", "DELETED");

    private StatusItems() {
    }

    /** An unknown item is the client's error, found before anything is answered. */
    static void check(List<String> names, ImapConnection connection) {
        for (String name : names) {
            if (!NAMES.contains(name) || connection.rev2() && name.equals("RECENT")) {
                throw new ImapSyntaxException("Unknown STATUS item " + name);
            }
        }
    }

    /**
     * The STATUS response of {@code mailbox}; RFC 8438 SIZE and DELETED each cost a query over the
     * mailbox, so only when asked.
     */
    static Mono<Response> read(ImapConnection connection, Mailbox mailbox, List<String> names) {
        MessageListing listing = connection.services().storage().listing();
        Mono<Long> size = names.contains("SIZE") ? listing.size(mailbox.id()) : Mono.just(0L);
        Mono<Long> deleted = names.contains("DELETED") ? listing.deleted(mailbox.id()) : Mono.just(0L);
        return Mono.zip(listing.counts(mailbox.id()), size, deleted)
                .map(read -> response(mailbox, names, read.getT1(), read.getT2(), read.getT3()));
    }

    private static Response response(Mailbox mailbox, List<String> names, MailboxCounts counts, long size,
            long deleted) {
        List<Value> items = new ArrayList<>();
        for (String name : names) {
            long value = switch (name) {
                case "MESSAGES" -> counts.exists();
                case "RECENT" -> 0;
                case "UIDNEXT" -> counts.uidNext();
                case "UIDVALIDITY" -> counts.uidValidity();
                case "UNSEEN" -> counts.unseen();
                case "HIGHESTMODSEQ" -> counts.highestModseq();
                case "SIZE" -> size;
                case "DELETED" -> deleted;
                default -> throw new ImapSyntaxException("Unknown STATUS item " + name);
            };
            items.add(Value.atom(name));
            items.add(Value.atom(value));
        }
        return Response.Data.of(Value.atom("STATUS"), Value.mailbox(mailbox.path()), Value.list(items));
    }
}
