package io.mallard.pop3.maildrop;

import org.bson.types.ObjectId;

import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.message.MailStorage;
import reactor.core.publisher.Mono;

/**
 * Builds a session's maildrop: the newest {@code limit} INBOX messages, oldest first (WildDuck's
 * rule, default 250), so a client on a huge INBOX gets a bounded listing and numbering that holds
 * for the whole session.
 */
public final class MaildropLoader {

    private final MailStorage storage;
    private final int limit;

    public MaildropLoader(MailStorage storage, int limit) {
        this.storage = storage;
        this.limit = limit;
    }

    public Mono<Maildrop> load(ObjectId user) {
        return storage.mailboxes().require(user, Mailbox.INBOX)
                .flatMap(inbox -> storage.listing().newest(inbox.id(), limit).collectList()
                        .map(messages -> new Maildrop(user, inbox.id(), messages)));
    }
}
