package io.mallard.pop3.maildrop;

import java.util.List;

import org.bson.types.ObjectId;

import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.message.FlagOperation;
import io.mallard.model.message.MailStorage;
import io.mallard.model.message.Message;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The UPDATE state (RFC 1939 §6), entered only by QUIT: retrieved messages get \Seen, deleted
 * ones go to Trash or away, through {@link MailStorage}, so the journal tells IMAP sessions.
 * A message that IMAP moved or expunged meanwhile is skipped, not an error.
 */
public final class MaildropUpdate {

    /** What DELE means once committed. */
    public enum DeleteMode {
        /** Move to the user's \Trash mailbox, as WildDuck does; delete when there is none. */
        TRASH,
        /** Remove outright. */
        DELETE
    }

    private final MailStorage storage;
    private final DeleteMode mode;

    public MaildropUpdate(MailStorage storage, DeleteMode mode) {
        this.storage = storage;
        this.mode = mode;
    }

    public Mono<Void> commit(Maildrop maildrop) {
        List<Long> seen = uids(maildrop.retrievedUnseen());
        List<Long> deleted = uids(maildrop.deleted());
        Mono<Void> markSeen = seen.isEmpty() ? Mono.empty()
                : storage.flags().update(maildrop.inbox(), seen, FlagOperation.ADD, List.of(Message.SEEN), -1).then();
        return markSeen.then(deleted.isEmpty() ? Mono.empty() : remove(maildrop.user(), maildrop.inbox(), deleted));
    }

    private Mono<Void> remove(ObjectId user, ObjectId inbox, List<Long> uids) {
        Mono<Mailbox> trash = mode == DeleteMode.TRASH ? storage.mailboxes().bySpecialUse(user, "\\Trash") : Mono.empty();
        return trash.flatMap(target -> storage.messages().move(inbox, uids, target.id()).then(Mono.just(true)))
                .switchIfEmpty(Mono.defer(() -> Flux.fromIterable(uids)
                        .concatMap(uid -> storage.messages().delete(inbox, uid)).then(Mono.just(true))))
                .then();
    }

    private static List<Long> uids(List<MaildropEntry> entries) {
        return entries.stream().map(MaildropEntry::uid).toList();
    }
}
