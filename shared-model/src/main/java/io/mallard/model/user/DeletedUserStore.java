package io.mallard.model.user;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.address.Address;
import io.mallard.model.address.AddressNormalizer;
import io.mallard.model.address.AddressStore;
import io.mallard.model.store.IndexedCollection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code deletedusers} collection: users in their grace period, as WildDuck keeps them. A
 * deleted user leaves {@code users} and {@code addresses} at once, so it can neither log in nor
 * receive mail, and its addresses are free for others; its mail stays until the purge.
 *
 * <p>Without transactions each step is one atomic single-document write, and flags on the record
 * order the competitors:
 * <ul>
 * <li>delete writes the record (the users document plus {@code deleteInfo} and
 *     {@code deleteAfter}) before it removes the user and its addresses, so a crash in between
 *     leaves the user live and the record waiting, never data that nothing points to;</li>
 * <li>a purge claims a due record for a lease, checks that the user is not live, and marks it
 *     {@code purging} only while its claim holds; from then on no restore is possible;</li>
 * <li>a restore marks the record {@code restoring} (which drops any claim, and no purge claims
 *     such a record) unless it is purging, puts the user and its still-free addresses back, and
 *     removes the record last. Each step can run again, so calling it again finishes a cut-off
 *     restore.</li>
 * </ul>
 */
public final class DeletedUserStore {

    public static final String COLLECTION = "deletedusers";

    private static final String DELETE_INFO = "deleteInfo";
    private static final String DELETE_AFTER = "deleteAfter";
    private static final String CLAIM = "claim";
    private static final String PURGING = "purging";
    private static final String RESTORING = "restoring";

    /** {@code deleteAfter}: the purge's query. Small and unsharded, like {@code users}. */
    public static final IndexedCollection INDEXES = new IndexedCollection(COLLECTION,
            List.of(new IndexModel(Indexes.ascending(DELETE_AFTER))), null);

    private final MongoCollection<Document> users;
    private final MongoCollection<Document> deleted;
    private final AddressStore addresses;
    private final Clock clock;

    public DeletedUserStore(MongoDatabase database, AddressStore addresses, Clock clock) {
        this.users = database.getCollection(UserStore.COLLECTION);
        this.deleted = database.getCollection(COLLECTION);
        this.addresses = addresses;
        this.clock = clock;
    }

    /**
     * Moves a live user here with its addresses, to be purged after {@code deleteAfter}; empty
     * when no live user has this id.
     */
    public Mono<DeletedUser> retire(ObjectId id, Instant deleteAfter) {
        return Mono.from(users.find(Filters.eq("_id", id)).first())
                .flatMap(user -> addresses.listFor(id).collectList().flatMap(owned -> {
                    Document record = new Document(user)
                            .append(DELETE_INFO, new Document("deletedAt", Date.from(now()))
                                    .append("addresses", owned.stream().map(DeletedUserStore::address).toList()))
                            .append(DELETE_AFTER, Date.from(deleteAfter.truncatedTo(ChronoUnit.MILLIS)));
                    return Mono.from(deleted.replaceOne(Filters.eq("_id", id), record, new ReplaceOptions().upsert(true)))
                            .then(Mono.from(users.deleteOne(Filters.eq("_id", id))))
                            .then(addresses.deleteAllOf(id))
                            .thenReturn(fromDocument(record));
                }));
    }

    /**
     * A repeated delete: moves the purge date of a user already here, unless its purge started.
     * Empty when the user is not here.
     */
    public Mono<DeletedUser> reschedule(ObjectId id, Instant deleteAfter) {
        return Mono.from(deleted.findOneAndUpdate(Filters.and(Filters.eq("_id", id), Filters.ne(PURGING, true)),
                        Updates.combine(Updates.set(DELETE_AFTER, Date.from(deleteAfter.truncatedTo(ChronoUnit.MILLIS))),
                                Updates.unset(RESTORING)),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .switchIfEmpty(Mono.defer(() -> Mono.from(deleted.find(Filters.eq("_id", id)).first())))
                .map(DeletedUserStore::fromDocument);
    }

    public Mono<DeletedUser> get(ObjectId id) {
        return Mono.from(deleted.find(Filters.eq("_id", id)).first()).map(DeletedUserStore::fromDocument);
    }

    /** The user's former addresses that a restore would get back: those nobody else took meanwhile. */
    public Flux<String> recoverable(DeletedUser user) {
        return Flux.fromIterable(user.addresses())
                .concatMap(address -> addresses.findByView(address.addrview())
                        .map(taken -> user.id().equals(taken.user()))
                        .defaultIfEmpty(true)
                        .filter(Boolean::booleanValue)
                        .map(free -> address.address()));
    }

    /**
     * Puts the user back with every former address still free; empty when there is nothing to
     * restore (no such record, or its purge started). Fails with {@link UsernameTakenException}
     * when another user took the name meanwhile, leaving the record as it was.
     */
    public Mono<DeletedUser.Restored> restore(ObjectId id) {
        return Mono.from(deleted.findOneAndUpdate(Filters.and(Filters.eq("_id", id), Filters.ne(PURGING, true)),
                        Updates.combine(Updates.set(RESTORING, true), Updates.unset(CLAIM)),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .flatMap(record -> putBack(record)
                        .then(Flux.fromIterable(fromDocument(record).addresses())
                                .concatMap(address -> addresses.reinsert(address)).filter(Boolean::booleanValue).count())
                        .flatMap(recovered -> main(id).map(main -> new DeletedUser.Restored(recovered.intValue(), main))
                                .defaultIfEmpty(new DeletedUser.Restored(recovered.intValue(), null)))
                        .flatMap(restored -> Mono.from(deleted.deleteOne(Filters.and(Filters.eq("_id", id),
                                Filters.eq(RESTORING, true)))).thenReturn(restored)));
    }

    /**
     * Claims the next record whose grace period is over for {@code lease}, for one sweeper at a
     * time; a record stays claimed until the lease runs out, whatever the sweeper then decides.
     */
    public Mono<Claim> claimDue(Duration lease) {
        Instant now = now();
        ObjectId token = new ObjectId();
        return Mono.from(deleted.findOneAndUpdate(Filters.and(Filters.lte(DELETE_AFTER, Date.from(now)),
                                Filters.ne(RESTORING, true),
                                Filters.or(Filters.exists(CLAIM, false), Filters.lte(CLAIM + ".until", Date.from(now)))),
                        Updates.set(CLAIM, new Document("token", token).append("until", Date.from(now.plus(lease)))),
                        new FindOneAndUpdateOptions().sort(Sorts.ascending(DELETE_AFTER)).returnDocument(ReturnDocument.AFTER)))
                .map(record -> new Claim(fromDocument(record), token));
    }

    /**
     * Marks a claimed record as purging, if the claim still holds and the user is not live: a
     * restore or a repeated delete in the meantime has dropped the claim, and a user in both
     * collections is a delete that was cut off before it removed the user.
     */
    public Mono<Boolean> startPurge(Claim claim) {
        ObjectId id = claim.user().id();
        return Mono.from(users.find(Filters.eq("_id", id)).first()).hasElement()
                .flatMap(live -> live ? Mono.just(false)
                        : Mono.from(deleted.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq(CLAIM + ".token", claim.token())),
                                Updates.set(PURGING, true))).map(result -> result.getMatchedCount() == 1));
    }

    /** The purge is complete: the record goes last, so a purge cut off midway is found again. */
    public Mono<Void> forget(ObjectId id) {
        return Mono.from(deleted.deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq(PURGING, true)))).then();
    }

    /** A record claimed by one sweeper until its lease runs out. */
    public record Claim(DeletedUser user, ObjectId token) {
    }

    /** The users document as it was; a second run finds it back already, and a taken name refuses. */
    private Mono<Void> putBack(Document record) {
        Document user = new Document(record);
        List.of(DELETE_INFO, DELETE_AFTER, CLAIM, PURGING, RESTORING).forEach(user::remove);
        return Mono.from(users.insertOne(user)).then()
                .onErrorResume(DeletedUserStore::isDuplicate, duplicate -> Mono.from(users.find(Filters.eq("_id", user.get("_id"))).first())
                        .hasElement()
                        .flatMap(back -> back ? Mono.<Void>empty()
                                : Mono.from(deleted.updateOne(Filters.eq("_id", user.get("_id")), Updates.unset(RESTORING)))
                                        .then(Mono.error(new UsernameTakenException(user.getString(UserDocument.USERNAME))))));
    }

    /** The main address after a restore: the old one if it came back, else the first one that did. */
    private Mono<String> main(ObjectId id) {
        return addresses.listFor(id).collectList().flatMap(owned -> {
            if (owned.isEmpty()) {
                return Mono.empty();
            }
            Address main = owned.stream().filter(Address::main).findFirst().orElse(owned.get(0));
            return (main.main() ? Mono.<Void>empty() : addresses.setMain(id, main.id())).thenReturn(main.address());
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Document address(Address address) {
        return new Document("_id", address.id()).append("address", address.address()).append("main", address.main())
                .append("tags", address.tags()).append("created", Date.from(address.created()));
    }

    private static DeletedUser fromDocument(Document record) {
        ObjectId id = record.getObjectId("_id");
        Document info = record.get(DELETE_INFO, Document.class);
        List<Address> owned = info.getList("addresses", Document.class, List.of()).stream()
                .map(a -> new Address(a.getObjectId("_id"), id, a.getString("address"),
                        AddressNormalizer.viewAllowingWildcards(a.getString("address")), a.getBoolean("main", false),
                        a.getList("tags", String.class, List.of()), List.of(), 0, a.getDate("created").toInstant()))
                .toList();
        Object used = record.get(UserDocument.STORAGE_USED);
        return new DeletedUser(id, record.getString(UserDocument.USERNAME), used instanceof Number n ? n.longValue() : 0,
                record.getList(UserDocument.TAGS, String.class, List.of()), info.getDate("deletedAt").toInstant(),
                record.getDate(DELETE_AFTER).toInstant(), owned, record.getBoolean(PURGING, false));
    }

    private static boolean isDuplicate(Throwable error) {
        return error instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
