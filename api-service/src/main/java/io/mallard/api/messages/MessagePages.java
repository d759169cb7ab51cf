package io.mallard.api.messages;

import java.util.List;

import org.springframework.stereotype.Component;

import io.mallard.api.web.CursorWindow;
import io.mallard.model.mail.MessageContent;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.message.MailStorage;
import io.mallard.model.message.Message;
import io.mallard.model.message.MessageFields;
import io.mallard.model.message.MessageListing;
import reactor.core.publisher.Mono;

/**
 * Message listings as WildDuck's pages: a mailbox in UID order (see {@link CursorWindow}), and
 * the views of any page of messages, which the search shares.
 */
@Component
public class MessagePages {

    private final MessageListing listing;
    private final MessageContent content;

    MessagePages(MailStorage storage, MessageContent content) {
        this.listing = storage.listing();
        this.content = content;
    }

    /** A page of the mailbox by UID; WildDuck's default order is newest first. */
    Mono<MessageViews.Listing> page(Mailbox mailbox, CursorWindow.Request request) {
        return listing.withTotal(mailbox.id(), visible -> CursorWindow.<Long, Message>read(request, Long::valueOf,
                        message -> Long.toString(message.uid()),
                        (edge, rising, count) -> listing.pageUpTo(visible, mailbox.id(), rising && edge != null ? edge + 1 : 1,
                                !rising && edge != null ? edge - 1 : Long.MAX_VALUE, count, !rising, MessageFields.SUMMARY)))
                .map(found -> listing(found.getT1(), found.getT2()));
    }

    /** The listing body of a page of messages out of {@code total}. */
    public MessageViews.Listing listing(CursorWindow.Window<Message> window, long total) {
        List<MessageViews.Listed> results = window.items().stream()
                .map(message -> MessageViews.Listed.of(message, content.summary(message))).toList();
        return new MessageViews.Listing(true, total, window.nextCursor(), window.previousCursor(), results);
    }
}
