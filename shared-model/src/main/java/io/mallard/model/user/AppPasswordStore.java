package io.mallard.model.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.expiry.ExpiryIndex;
import io.mallard.model.store.IndexedCollection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code asps} collection: application-specific passwords, 16 random lowercase letters
 * (about 75 bits), stored as Argon2 hashes. Each carries a {@code selector}, the first 4 hex
 * digits of the SHA-256 of the password, as WildDuck does: a login then runs the slow KDF
 * against about one stored hash instead of all of them. The 16 bits it reveals leave ~59.
 */
public final class AppPasswordStore implements UserOwned {

    public static final String COLLECTION = "asps";

    /** {@code user} (list, login); {@code expiresAt} TTL for passwords created with a ttl. Unsharded. */
    public static final IndexedCollection INDEXES = new IndexedCollection(COLLECTION, List.of(
            new IndexModel(Indexes.ascending("user")),
            ExpiryIndex.model()), null);

    /**
     * WildDuck's cap. A typed password is hashed once per stored ASP sharing its selector, so the
     * cap also bounds the work one login can cause. Checked before the insert, not atomically:
     * concurrent creates can overshoot by a few, which costs nothing but a slightly longer list.
     */
    public static final int MAX_PER_USER = 50;

    private static final Set<Scope> PROTOCOLS = Set.of(Scope.IMAP, Scope.POP3, Scope.SMTP);
    private static final Pattern SHAPE = Pattern.compile("[a-z]{16}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoCollection<Document> asps;
    private final PasswordHasher hasher;
    private final Clock clock;

    public AppPasswordStore(MongoDatabase database, PasswordHasher hasher, Clock clock) {
        this.asps = database.getCollection(COLLECTION);
        this.hasher = hasher;
        this.clock = clock;
    }

    /**
     * Creates an application password for the given protocols (all three are stored as
     * {@code *}).
     *
     * @param ttl lifetime, null for none
     */
    public Mono<CreatedAppPassword> create(ObjectId user, String description, Set<Scope> scopes, Duration ttl) {
        if (scopes.isEmpty() || scopes.contains(Scope.MASTER)) {
            return Mono.error(new IllegalArgumentException("Application passwords open IMAP, POP3 and/or SMTP only"));
        }
        return Mono.from(asps.countDocuments(Filters.eq("user", user)))
                .flatMap(count -> count >= MAX_PER_USER
                        ? Mono.error(new IllegalStateException("At most " + MAX_PER_USER + " application passwords per user"))
                        : insert(user, description, scopes, ttl));
    }

    private Mono<CreatedAppPassword> insert(ObjectId user, String description, Set<Scope> scopes, Duration ttl) {
        String password = generate();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        AppPassword created = new AppPassword(new ObjectId(), user, description, Set.copyOf(scopes), now,
                ttl == null ? null : now.plus(ttl), null);
        return hasher.hash(password)
                .map(hash -> new Document("_id", created.id())
                        .append("user", user)
                        .append("description", description)
                        .append("scopes", scopes.containsAll(PROTOCOLS)
                                ? List.of("*")
                                : scopes.stream().map(Scope::id).sorted().toList())
                        .append("password", hash)
                        .append("selector", selector(password))
                        .append("created", Date.from(now)))
                // No expiresAt at all without a ttl: the expiry sweeper and the TTL index then leave it alone.
                .map(document -> created.expiresAt() == null ? document : document.append("expiresAt", Date.from(created.expiresAt())))
                .flatMap(document -> Mono.from(asps.insertOne(document)))
                .thenReturn(new CreatedAppPassword(created, password));
    }

    /** The user's live application passwords, oldest first. */
    public Flux<AppPassword> list(ObjectId user) {
        return Flux.from(asps.find(Filters.eq("user", user)).sort(Sorts.ascending("_id")))
                .map(AppPasswordStore::fromDocument)
                .filter(this::live);
    }

    public Mono<Boolean> delete(ObjectId user, ObjectId id) {
        return Mono.from(asps.deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("user", user))))
                .map(result -> result.getDeletedCount() > 0);
    }

    @Override
    public Mono<Long> purge(ObjectId user) {
        return Mono.from(asps.deleteMany(Filters.eq("user", user))).map(result -> result.getDeletedCount());
    }

    /** Whether a typed password could be an application password (ignoring case and spaces). */
    static boolean looksLikeAppPassword(String password) {
        return password != null && SHAPE.matcher(normalize(password)).matches();
    }

    /**
     * The user's live application password equal to the typed one, whatever its scopes (the
     * caller decides and logs a scope mismatch as such).
     */
    Mono<AppPassword> match(ObjectId user, String typed) {
        String password = normalize(typed);
        String selector = selector(password);
        return Flux.from(asps.find(Filters.and(Filters.eq("user", user), Filters.eq("selector", selector))))
                .filter(document -> live(fromDocument(document)))
                .concatMap(document -> hasher.verify(password, document.getString("password"))
                        .filter(Boolean::booleanValue)
                        .map(matched -> fromDocument(document)))
                .next();
    }

    Mono<Void> markUsed(ObjectId id) {
        return Mono.from(asps.updateOne(Filters.eq("_id", id), Updates.set("lastUse", Date.from(clock.instant())))).then();
    }

    // The TTL index removes expired passwords eventually; until then they must not work.
    private boolean live(AppPassword password) {
        return password.expiresAt() == null || password.expiresAt().isAfter(clock.instant());
    }

    private static String normalize(String password) {
        return password.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    private static String generate() {
        char[] letters = new char[16];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (char) ('a' + RANDOM.nextInt(26));
        }
        return new String(letters);
    }

    private static String selector(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static AppPassword fromDocument(Document document) {
        List<String> stored = document.getList("scopes", String.class, List.of());
        Set<Scope> scopes = stored.contains("*")
                ? PROTOCOLS
                : stored.stream().map(Scope::of).collect(Collectors.toUnmodifiableSet());
        Date expiresAt = document.getDate("expiresAt");
        Date lastUse = document.getDate("lastUse");
        return new AppPassword(document.getObjectId("_id"), document.getObjectId("user"), document.getString("description"),
                scopes, document.getDate("created").toInstant(), expiresAt == null ? null : expiresAt.toInstant(),
                lastUse == null ? null : lastUse.toInstant());
    }
}
