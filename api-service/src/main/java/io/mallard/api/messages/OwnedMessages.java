package io.mallard.api.messages;

import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

import io.mallard.api.mailboxes.OwnedMailboxes;
import io.mallard.web.ApiException;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.message.MailStorage;
import io.mallard.model.message.Message;
import io.mallard.model.message.MessageListing;
import reactor.core.publisher.Mono;

/** A message named by mailbox id and UID in a path, found only in the user's own mailboxes; 404 otherwise. */
@Component
public class OwnedMessages {

    private final OwnedMailboxes mailboxes;
    private final MessageListing listing;

    OwnedMessages(OwnedMailboxes mailboxes, MailStorage storage) {
        this.mailboxes = mailboxes;
        this.listing = storage.listing();
    }

    public Mono<Message> require(ObjectId user, String mailbox, long uid) {
        return mailboxes.require(user, mailbox).flatMap(found -> in(found, uid));
    }

    Mono<Message> in(Mailbox mailbox, long uid) {
        return listing.range(mailbox.id(), uid, uid).next().switchIfEmpty(Mono.error(OwnedMessages::notFound));
    }

    static ApiException notFound() {
        return ApiException.notFound("MessageNotFound", "This message does not exist");
    }
}
