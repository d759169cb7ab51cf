package io.mallard.model.user;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.address.AddressNormalizer;
import io.mallard.model.address.AddressStore;
import io.mallard.model.address.OwnerStatus;
import io.mallard.model.store.IndexedCollection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code users} collection. Creating a user also creates its main address; without
 * transactions that is two writes, so a failed address insert deletes the just-created user
 * again. Mailboxes are the mailstore's to create and delete.
 */
public final class UserStore implements OwnerStatus {

    public static final String COLLECTION = "users";

    /**
     * {@code username} unique (login, API lookups); {@code tagsview} (list by tag). Unsharded: one
     * small document per user, read by {@code _id} or {@code username}.
     */
    public static final IndexedCollection INDEXES = new IndexedCollection(COLLECTION, List.of(
            new IndexModel(Indexes.ascending(UserDocument.USERNAME), new IndexOptions().unique(true)),
            new IndexModel(Indexes.ascending(UserDocument.TAGS_VIEW))), null);

    private final MongoCollection<Document> users;
    private final PasswordHasher hasher;
    private final AddressStore addresses;
    private final AppPasswordStore appPasswords;
    private final Clock clock;

    public UserStore(MongoDatabase database, PasswordHasher hasher, AddressStore addresses, AppPasswordStore appPasswords,
            Clock clock) {
        this.users = database.getCollection(COLLECTION);
        this.hasher = hasher;
        this.addresses = addresses;
        this.appPasswords = appPasswords;
        this.clock = clock;
    }

    public Mono<User> create(NewUser user) {
        return Mono.fromCallable(() -> {
                    // Validate both names before hashing, so a bad request costs no KDF run.
                    AddressNormalizer.view(user.address());
                    return Username.normalize(user.username());
                })
                .flatMap(username -> hashOrNone(user.password())
                        // BSON dates hold milliseconds: truncated, the returned user equals what a read returns.
                        .map(hash -> UserDocument.toDocument(new ObjectId(), username, user.name(), hash.orElse(null),
                                user.settings(), clock.instant().truncatedTo(ChronoUnit.MILLIS))))
                .flatMap(document -> Mono.from(users.insertOne(document))
                        .onErrorMap(UserStore::isDuplicate, e -> new UsernameTakenException(document.getString(UserDocument.USERNAME)))
                        .then(addresses.addToUser(document.getObjectId("_id"), user.address(), true, List.of())
                                .onErrorResume(failed -> Mono.from(users.deleteOne(Filters.eq("_id", document.getObjectId("_id"))))
                                        .then(Mono.error(failed))))
                        .thenReturn(UserDocument.fromDocument(document)));
    }

    public Mono<User> get(ObjectId id) {
        return Mono.from(users.find(Filters.eq("_id", id)).first()).map(UserDocument::fromDocument);
    }

    public Mono<User> getByUsername(String username) {
        return Mono.fromCallable(() -> Username.normalize(username))
                .flatMap(normalized -> Mono.from(users.find(Filters.eq(UserDocument.USERNAME, normalized)).first()))
                .map(UserDocument::fromDocument);
    }

    /** Applies the non-null fields of the update; empty when there is no such user. */
    public Mono<User> update(ObjectId id, UserUpdate update) {
        return Mono.fromCallable(() -> sets(update))
                .flatMap(sets -> hashOrNone(update.password()).map(hash -> {
                    hash.ifPresent(value -> sets.add(Updates.set(UserDocument.PASSWORD, value)));
                    return sets;
                }))
                .flatMap(sets -> sets.isEmpty()
                        ? get(id)
                        : Mono.from(users.findOneAndUpdate(Filters.eq("_id", id), Updates.combine(sets),
                                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                                .map(UserDocument::fromDocument));
    }

    /**
     * Stores a hash imported from another system (bcrypt, PBKDF2, SHA-crypt, Dovecot's
     * {@code {SCHEME}} form) as it is; the first successful login replaces it with Argon2id.
     */
    public Mono<Boolean> importPasswordHash(ObjectId id, String hash) {
        return Mono.from(users.updateOne(Filters.eq("_id", id), Updates.set(UserDocument.PASSWORD, hash)))
                .map(result -> result.getMatchedCount() > 0);
    }

    Mono<StoredTotp> totp(ObjectId id) {
        return Mono.from(users.find(Filters.eq("_id", id)).projection(Projections.include(UserDocument.TWO_FACTOR,
                UserDocument.TOTP_SECRET, UserDocument.TOTP_PENDING)).first()).map(UserDocument::totpFrom);
    }

    Mono<Boolean> setPendingTotp(ObjectId id, String sealedSeed) {
        return Mono.from(users.updateOne(Filters.eq("_id", id), Updates.set(UserDocument.TOTP_PENDING, sealedSeed)))
                .map(result -> result.getMatchedCount() > 0);
    }

    /** The pending seed becomes the enabled one, if it is still the one confirmed (a newer setup wins). */
    Mono<Boolean> activateTotp(ObjectId id, String sealedPending) {
        return Mono.from(users.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq(UserDocument.TOTP_PENDING, sealedPending)),
                        Updates.combine(Updates.set(UserDocument.TWO_FACTOR, true),
                                Updates.set(UserDocument.TOTP_SECRET, sealedPending), Updates.unset(UserDocument.TOTP_PENDING))))
                .map(result -> result.getMatchedCount() > 0);
    }

    Mono<Boolean> disableTotp(ObjectId id) {
        return Mono.from(users.updateOne(Filters.eq("_id", id), Updates.combine(Updates.set(UserDocument.TWO_FACTOR, false),
                        Updates.unset(UserDocument.TOTP_SECRET), Updates.unset(UserDocument.TOTP_PENDING))))
                .map(result -> result.getMatchedCount() > 0);
    }

    /** Deletes the user, then its addresses and application passwords; false when there was no such user. */
    public Mono<Boolean> delete(ObjectId id) {
        return Mono.from(users.deleteOne(Filters.eq("_id", id)))
                .flatMap(result -> result.getDeletedCount() == 0
                        ? Mono.just(false)
                        : addresses.deleteAllOf(id).then(appPasswords.deleteAllOf(id)).thenReturn(true));
    }

    /** A page of users after the cursor ({@code null} for the first page), in {@code _id} order. */
    public Mono<UserPage> list(UserQuery query, String cursor, int limit) {
        return Mono.fromCallable(() -> listFilter(query, cursor))
                .flatMap(filter -> Flux.from(users.find(filter).sort(Sorts.ascending("_id")).limit(limit + 1))
                        .map(UserDocument::fromDocument)
                        .collectList())
                .map(found -> found.size() > limit
                        ? new UserPage(List.copyOf(found.subList(0, limit)), found.get(limit - 1).id().toHexString())
                        : new UserPage(found, null));
    }

    private static Bson listFilter(UserQuery query, String cursor) {
        List<Bson> filters = new ArrayList<>();
        if (cursor != null) {
            filters.add(Filters.gt("_id", new ObjectId(cursor)));
        }
        if (query.text() != null && !query.text().isBlank()) {
            filters.add(Filters.regex(UserDocument.USERNAME,
                    Pattern.compile(Pattern.quote(query.text().trim()), Pattern.CASE_INSENSITIVE)));
        }
        if (!query.tags().isEmpty()) {
            filters.add(Filters.in(UserDocument.TAGS_VIEW, UserDocument.tagsView(query.tags())));
        }
        // Always $and, never a flat filter: the embedded server rejects a bare regex on a unique-indexed field.
        return filters.isEmpty() ? new Document() : Filters.and(filters);
    }

    @Override
    public Mono<Boolean> disabled(ObjectId user) {
        return Mono.from(users.find(Filters.eq("_id", user)).projection(Projections.include(UserDocument.DISABLED)).first())
                .map(document -> document.getBoolean(UserDocument.DISABLED, false))
                .defaultIfEmpty(true);
    }

    Mono<StoredCredentials> credentials(ObjectId id) {
        return Mono.from(users.find(Filters.eq("_id", id)).first()).map(UserDocument::credentialsFrom);
    }

    Mono<StoredCredentials> credentialsByUsername(String normalizedUsername) {
        return Mono.from(users.find(Filters.eq(UserDocument.USERNAME, normalizedUsername)).first())
                .map(UserDocument::credentialsFrom);
    }

    /** Replaces the hash only if it is still the one verified, so a concurrent password change wins. */
    Mono<Boolean> replacePasswordHash(ObjectId id, String verifiedHash, String newHash) {
        return Mono.from(users.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq(UserDocument.PASSWORD, verifiedHash)),
                        Updates.set(UserDocument.PASSWORD, newHash)))
                .map(result -> result.getModifiedCount() > 0);
    }

    private Mono<Optional<String>> hashOrNone(String password) {
        return password == null ? Mono.just(Optional.empty()) : hasher.hash(password).map(Optional::of);
    }

    private static List<Bson> sets(UserUpdate update) {
        List<Bson> sets = new ArrayList<>();
        if (update.name() != null) {
            sets.add(Updates.set(UserDocument.NAME, update.name()));
        }
        if (update.quota() != null) {
            if (update.quota() < 0) {
                throw new IllegalArgumentException("Quota cannot be negative");
            }
            sets.add(Updates.set(UserDocument.QUOTA, update.quota()));
        }
        if (update.limits() != null) {
            Document limits = new Document();
            UserDocument.appendLimits(limits, update.limits());
            limits.forEach((field, value) -> sets.add(Updates.set(field, value)));
        }
        if (update.spamLevel() != null) {
            if (update.spamLevel() < 0 || update.spamLevel() > 100) {
                throw new IllegalArgumentException("Spam level must be 0..100");
            }
            sets.add(Updates.set(UserDocument.SPAM_LEVEL, update.spamLevel()));
        }
        if (update.tags() != null) {
            sets.add(Updates.set(UserDocument.TAGS, update.tags()));
            sets.add(Updates.set(UserDocument.TAGS_VIEW, UserDocument.tagsView(update.tags())));
        }
        if (update.disabledScopes() != null) {
            sets.add(Updates.set(UserDocument.DISABLED_SCOPES, UserDocument.scopeIds(update.disabledScopes())));
        }
        if (update.disabled() != null) {
            sets.add(Updates.set(UserDocument.DISABLED, update.disabled()));
        }
        if (update.requirePasswordChange() != null) {
            sets.add(Updates.set(UserDocument.REQUIRE_PASSWORD_CHANGE, update.requirePasswordChange()));
        }
        return sets;
    }

    private static boolean isDuplicate(Throwable error) {
        return error instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
