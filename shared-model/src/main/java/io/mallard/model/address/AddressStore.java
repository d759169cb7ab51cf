package io.mallard.model.address;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.mailbox.DuplicateKey;
import io.mallard.model.store.IndexedCollection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code addresses} collection: users' addresses and forwarded-only addresses. Uniqueness
 * of the normalized form is the unique index's job, so two concurrent adds of one address
 * cannot both succeed.
 */
public final class AddressStore {

    public static final String COLLECTION = "addresses";

    /**
     * {@code addrview} unique (every lookup); {@code user} (list a user's addresses). Unsharded:
     * one small document per address, and RCPT lookups by {@code addrview} must stay targeted.
     */
    public static final IndexedCollection INDEXES = new IndexedCollection(COLLECTION, List.of(
            new IndexModel(Indexes.ascending(AddressDocument.ADDRVIEW), new IndexOptions().unique(true)),
            new IndexModel(Indexes.ascending(AddressDocument.USER, AddressDocument.MAIN))), null);

    private final MongoCollection<Document> addresses;
    private final Clock clock;

    public AddressStore(MongoDatabase database, Clock clock) {
        this.addresses = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** Adds an address (wildcards allowed) to a user; {@code main} moves the main flag to it. */
    public Mono<Address> addToUser(ObjectId user, String address, boolean main, List<String> tags) {
        return Mono.fromCallable(() -> new Address(new ObjectId(), user, address.trim(),
                        AddressNormalizer.viewAllowingWildcards(address), main, List.copyOf(tags), List.of(), 0,
                        clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                .flatMap(this::insert)
                .flatMap(added -> main ? setMain(user, added.id()).thenReturn(added) : Mono.just(added));
    }

    /** Adds a forwarded-only address: mail to it goes to the targets, there is no mailbox. */
    public Mono<Address> addForwarded(String address, List<String> targets, int forwardsPerDay, List<String> tags) {
        return Mono.fromCallable(() -> {
            if (targets.isEmpty()) {
                throw new InvalidAddressException(address, "a forwarded address needs targets");
            }
            return new Address(new ObjectId(), null, address.trim(), AddressNormalizer.viewAllowingWildcards(address),
                    false, List.copyOf(tags), targets.stream().map(ForwardTarget::parse).toList(), forwardsPerDay,
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
        }).flatMap(this::insert);
    }

    /**
     * Makes one of the user's addresses the main one. The new flag is set before the old one is
     * cleared: without transactions a reader may briefly see two main addresses, never none.
     */
    public Mono<Void> setMain(ObjectId user, ObjectId addressId) {
        return Mono.from(addresses.updateOne(Filters.and(Filters.eq("_id", addressId), Filters.eq(AddressDocument.USER, user)),
                        Updates.set(AddressDocument.MAIN, true)))
                .flatMap(result -> result.getMatchedCount() == 0
                        ? Mono.error(new IllegalArgumentException("No address " + addressId + " for user " + user))
                        : Mono.from(addresses.updateMany(Filters.and(Filters.eq(AddressDocument.USER, user),
                                Filters.ne("_id", addressId)), Updates.set(AddressDocument.MAIN, false))))
                .then();
    }

    /** Deletes a user's address; the main address cannot be deleted (make another one main first). */
    public Mono<Boolean> delete(ObjectId user, ObjectId addressId) {
        Bson owned = Filters.and(Filters.eq("_id", addressId), Filters.eq(AddressDocument.USER, user));
        return Mono.from(addresses.deleteOne(Filters.and(owned, Filters.eq(AddressDocument.MAIN, false))))
                .flatMap(result -> result.getDeletedCount() > 0
                        ? Mono.just(true)
                        : Mono.from(addresses.find(owned).first())
                                .flatMap(found -> Mono.<Boolean>error(new IllegalStateException("The main address cannot be deleted")))
                                .defaultIfEmpty(false));
    }

    /**
     * Changes a forwarded-only address; null arguments stay as they are. Empty when there is no
     * such forwarded address; a new address already taken fails with {@link AddressTakenException}.
     */
    public Mono<Address> updateForwarded(ObjectId addressId, String address, List<String> targets, Integer forwardsPerDay,
            List<String> tags) {
        return Mono.fromCallable(() -> {
            List<Bson> sets = new ArrayList<>();
            if (address != null) {
                sets.add(Updates.set(AddressDocument.ADDRVIEW, AddressNormalizer.viewAllowingWildcards(address)));
                sets.add(Updates.set(AddressDocument.ADDRESS, address.trim()));
            }
            if (targets != null) {
                if (targets.isEmpty()) {
                    throw new InvalidAddressException(address == null ? "" : address, "a forwarded address needs targets");
                }
                sets.add(Updates.set(AddressDocument.TARGETS,
                        targets.stream().map(ForwardTarget::parse).map(ForwardTarget::toDocument).toList()));
            }
            if (forwardsPerDay != null) {
                sets.add(Updates.set(AddressDocument.FORWARDS, forwardsPerDay));
            }
            if (tags != null) {
                sets.add(Updates.set(AddressDocument.TAGS, List.copyOf(tags)));
            }
            return sets;
        }).flatMap(sets -> sets.isEmpty()
                ? forwarded(addressId)
                : Mono.from(addresses.findOneAndUpdate(forwardedWithId(addressId), Updates.combine(sets),
                                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                        .onErrorMap(this::isDuplicate, e -> new AddressTakenException(address.toLowerCase(Locale.ROOT)))
                        .map(AddressDocument::fromDocument));
    }

    /** A forwarded-only address by id; empty for an unknown id or a user's address. */
    public Mono<Address> forwarded(ObjectId addressId) {
        return Mono.from(addresses.find(forwardedWithId(addressId)).first()).map(AddressDocument::fromDocument);
    }

    /** Deletes a forwarded-only address. */
    public Mono<Boolean> deleteForwarded(ObjectId addressId) {
        return Mono.from(addresses.deleteOne(forwardedWithId(addressId))).map(result -> result.getDeletedCount() > 0);
    }

    private static Bson forwardedWithId(ObjectId addressId) {
        return Filters.and(Filters.eq("_id", addressId), Filters.exists(AddressDocument.USER, false));
    }

    /**
     * Puts back an address of a restored user under its old id. False when the address was taken
     * meanwhile (or is back already): a deleted user's addresses are free for others to claim.
     */
    public Mono<Boolean> reinsert(Address address) {
        return Mono.from(addresses.insertOne(AddressDocument.toDocument(address)))
                .thenReturn(true)
                .onErrorResume(this::isDuplicate, e -> Mono.just(false));
    }

    /** Removes every address of a user, as part of deleting the user. */
    public Mono<Long> deleteAllOf(ObjectId user) {
        return Mono.from(addresses.deleteMany(Filters.eq(AddressDocument.USER, user))).map(result -> result.getDeletedCount());
    }

    public Flux<Address> listFor(ObjectId user) {
        return Flux.from(addresses.find(Filters.eq(AddressDocument.USER, user)).sort(Sorts.ascending("_id")))
                .map(AddressDocument::fromDocument);
    }

    public Mono<Address> mainAddressOf(ObjectId user) {
        return Mono.from(addresses.find(Filters.and(Filters.eq(AddressDocument.USER, user), Filters.eq(AddressDocument.MAIN, true)))
                        .sort(Sorts.ascending("_id")).first())
                .map(AddressDocument::fromDocument);
    }

    /** The address whose view equals the given normalized form. */
    public Mono<Address> findByView(String addrview) {
        return Mono.from(addresses.find(Filters.eq(AddressDocument.ADDRVIEW, addrview)).first())
                .map(AddressDocument::fromDocument);
    }

    /** All addresses whose view is one of the given forms, in no particular order. */
    public Flux<Address> findByViews(List<String> addrviews) {
        return Flux.from(addresses.find(Filters.in(AddressDocument.ADDRVIEW, addrviews))).map(AddressDocument::fromDocument);
    }

    /**
     * Moves every address (user and forwarded) from one domain to another, as when a tenant
     * renames its domain. One update per address: a conflict (the same local part already on the
     * new domain) fails that address with {@link AddressTakenException} and stops the rename;
     * addresses already moved stay moved, so running it again after fixing the conflict finishes
     * the job.
     *
     * @return how many addresses were moved
     */
    public Mono<Long> renameDomain(String from, String to) {
        return Mono.fromCallable(() -> List.of(AddressNormalizer.domain(from), AddressNormalizer.domain(to)))
                .flatMapMany(domains -> {
                    String oldDomain = domains.get(0);
                    String newDomain = domains.get(1);
                    // The embedded server rejects a flat regex filter on a uniquely indexed field: wrap it in $and.
                    Bson onOldDomain = Filters.and(Filters.regex(AddressDocument.ADDRVIEW,
                            Pattern.compile("@" + Pattern.quote(oldDomain) + "$")));
                    return Flux.from(addresses.find(onOldDomain))
                            .map(AddressDocument::fromDocument)
                            .concatMap(address -> rename(address, newDomain));
                })
                .count();
    }

    private Mono<Long> rename(Address address, String newDomain) {
        String view = address.addrview();
        String newView = view.substring(0, view.lastIndexOf('@') + 1) + newDomain;
        String given = address.address();
        String newGiven = given.substring(0, given.lastIndexOf('@') + 1) + newDomain;
        return Mono.from(addresses.updateOne(Filters.eq("_id", address.id()),
                        Updates.combine(Updates.set(AddressDocument.ADDRVIEW, newView), Updates.set(AddressDocument.ADDRESS, newGiven))))
                .onErrorMap(this::isDuplicate, e -> new AddressTakenException(newGiven))
                .map(result -> result.getModifiedCount());
    }

    private Mono<Address> insert(Address address) {
        return Mono.from(addresses.insertOne(AddressDocument.toDocument(address)))
                .onErrorMap(this::isDuplicate, e -> new AddressTakenException(address.address().toLowerCase(Locale.ROOT)))
                .thenReturn(address);
    }

    // Inserts fail with a write error, findOneAndUpdate with a command error: both carry the code.
    private boolean isDuplicate(Throwable error) {
        return DuplicateKey.is(error);
    }
}
