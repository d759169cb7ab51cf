package io.mallard.api.mailboxes;

import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

import io.mallard.api.web.Access;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.mailbox.MailboxStore;
import io.mallard.model.message.MailStorage;
import io.mallard.web.ApiException;
import reactor.core.publisher.Mono;

/**
 * A mailbox named by id in a path, found only among the user's own: an id of another user's
 * mailbox is answered like an unknown one, so ids cannot be probed across accounts.
 */
@Component
public class OwnedMailboxes {

    private final MailboxStore mailboxes;

    OwnedMailboxes(MailStorage storage) {
        this.mailboxes = storage.mailboxes();
    }

    public Mono<Mailbox> require(ObjectId user, String mailbox) {
        ObjectId id = Access.id("mailbox", mailbox);
        return mailboxes.byId(id).filter(found -> found.user().equals(user))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("NoSuchMailbox", "This mailbox does not exist")));
    }
}
