package io.mallard.api.messages;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.stereotype.Component;

import io.mallard.api.web.Page;
import io.mallard.model.mail.MessageContent;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.message.MailStorage;
import io.mallard.model.message.Message;
import io.mallard.model.message.MessageListing;
import io.mallard.web.ApiException;
import reactor.core.publisher.Mono;

/**
 * Cursor pages over a mailbox in UID order. A cursor holds the UID at the page's edge, so a page
 * is "UIDs beyond this one": messages that arrive meanwhile get higher UIDs and never shift a
 * page, and walking {@code next} then {@code previous} visits each message exactly once.
 */
@Component
class MessagePages {

    private final MessageListing listing;
    private final MessageContent content;

    MessagePages(MailStorage storage, MessageContent content) {
        this.listing = storage.listing();
        this.content = content;
    }

    /**
     * @param ascending the listing's order ({@code order=asc}); WildDuck's default is newest first
     * @param next the cursor of the page after, or null
     * @param previous the cursor of the page before, or null
     */
    Mono<MessageViews.Listing> page(Mailbox mailbox, boolean ascending, int limit, String next, String previous) {
        if (next != null && previous != null) {
            return Mono.error(ApiException.invalidInput("next and previous cannot be combined"));
        }
        boolean backwards = previous != null;
        Long edge = next == null && previous == null ? null
                : Long.valueOf(backwards ? edge("previous", previous) : edge("next", next));
        // Reading backwards through a descending list is reading forwards by UID, and so on.
        boolean byRisingUid = ascending != backwards;
        long from = byRisingUid && edge != null ? edge + 1 : 1;
        long to = !byRisingUid && edge != null ? edge - 1 : Long.MAX_VALUE;
        return listing.page(mailbox.id(), from, to, limit + 1, !byRisingUid).collectList()
                .zipWith(listing.counts(mailbox.id()))
                .map(found -> {
                    List<Message> read = found.getT1();
                    boolean more = read.size() > limit;
                    List<Message> items = new ArrayList<>(read.subList(0, Math.min(limit, read.size())));
                    if (backwards) {
                        Collections.reverse(items);
                    }
                    Object nextCursor = backwards ? edgeOf(items, false) : more ? edgeOf(items, false) : false;
                    Object previousCursor = backwards ? (more ? edgeOf(items, true) : false)
                            : edge != null ? edgeOf(items, true) : false;
                    return new MessageViews.Listing(true, found.getT2().exists(), nextCursor, previousCursor,
                            items.stream().map(message -> MessageViews.Listed.of(message, content.parsed(message))).toList());
                });
    }

    private static Object edgeOf(List<Message> items, boolean first) {
        if (items.isEmpty()) {
            return false;
        }
        return Page.cursor(Long.toString(items.get(first ? 0 : items.size() - 1).uid()));
    }

    private static long edge(String parameter, String cursor) {
        try {
            return Long.parseLong(Page.position(parameter, cursor));
        } catch (NumberFormatException e) {
            throw ApiException.invalidInput(parameter + " is not a valid cursor");
        }
    }
}
