package io.mallard.model.mail;

import java.time.Duration;
import java.util.List;

import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mallard.model.address.AddressStore;
import io.mallard.model.expiry.PeriodicSweep;
import io.mallard.model.message.MailStorage;
import io.mallard.model.user.DeletedUserStore;
import io.mallard.model.user.UserOwned;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Purges users whose grace period is over: their messages (with their holds on GridFS bodies),
 * mailboxes, threads, anything left of their addresses, and every {@link UserOwned} store's
 * documents (application passwords, filters, autoreplies, the auth log). Every step is an
 * idempotent delete and the {@code deletedusers} record goes last, so any number of instances
 * may sweep at once and a purge cut off midway is finished by the next claim of the record.
 */
public final class DeletedUserSweeper implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeletedUserSweeper.class);
    /** Long enough for a large mailbox set; a purge that outlives it is taken over and continued. */
    static final Duration LEASE = Duration.ofMinutes(30);
    private static final int ROUND = 100;

    private final DeletedUserStore deleted;
    private final MailStorage storage;
    private final AddressStore addresses;
    private final List<UserOwned> owned;
    private final PeriodicSweep periodic = new PeriodicSweep("user-purge");

    public DeletedUserSweeper(DeletedUserStore deleted, MailStorage storage, AddressStore addresses, List<UserOwned> owned) {
        this.deleted = deleted;
        this.storage = storage;
        this.addresses = addresses;
        this.owned = List.copyOf(owned);
    }

    /** Purges every user that is due now, up to a round's worth: how many it purged. */
    public Mono<Long> sweep() {
        return sweep(ROUND);
    }

    private Mono<Long> sweep(int left) {
        if (left == 0) {
            return Mono.just(0L);
        }
        return deleted.claimDue(LEASE)
                .flatMap(claim -> deleted.startPurge(claim)
                        .flatMap(start -> start ? purge(claim.user().id()).thenReturn(1L) : Mono.just(0L))
                        .flatMap(purged -> sweep(left - 1).map(rest -> rest + purged)))
                .defaultIfEmpty(0L);
    }

    /** Sweeps every {@code interval} until disposed (see {@link PeriodicSweep}). */
    public Disposable start(Duration interval) {
        return periodic.start(interval, this::sweep);
    }

    private Mono<Void> purge(ObjectId user) {
        // Messages before mailboxes: a message is found through its user, its mailbox may be gone.
        return storage.messages().purge(user)
                .flatMap(messages -> storage.mailboxes().purge(user)
                        .then(storage.threader().purge(user))
                        .then(addresses.deleteAllOf(user))
                        .then(Flux.fromIterable(owned).concatMap(store -> store.purge(user)).then())
                        .then(deleted.forget(user))
                        .doOnSuccess(done -> log.info("purged deleted user {}: {} messages", user, messages)));
    }

    @Override
    public void close() {
        periodic.close();
    }
}
