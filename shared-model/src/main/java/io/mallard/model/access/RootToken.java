package io.mallard.model.access;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.bson.Document;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import reactor.core.publisher.Mono;

/**
 * The root token: full rights, no expiry. Either fixed by {@code MALLARD_ROOT_TOKEN} (only its
 * hash is kept in memory) or generated once and its hash stored in MongoDB's {@code settings}
 * collection under {@code _id: "rootToken"}.
 *
 * <p>MongoDB, not Redis: production Redis may run without persistence or with eviction, and
 * losing the root token's hash would lock operators out or, worse, make the next start generate
 * a new one. MongoDB is the durable store every service already reads; the one-document insert
 * with a fixed {@code _id} also makes "generate only if none exists" atomic across instances.
 */
public final class RootToken {

    public static final String COLLECTION = "settings";
    static final String ID = "rootToken";

    /** How long a service trusts its copy of the stored hash: {@code rotate-root} reaches running services within it. */
    private static final Duration REFRESH = Duration.ofSeconds(10);

    private final MongoCollection<Document> settings;
    private final String configuredHash;
    private final Clock clock;
    private final AtomicReference<Mono<Optional<String>>> storedHash = new AtomicReference<>();

    /** @param configuredToken {@code MALLARD_ROOT_TOKEN}, null or blank when unset */
    public RootToken(MongoDatabase database, String configuredToken, Clock clock) {
        this.settings = database.getCollection(COLLECTION);
        this.configuredHash = configuredToken == null || configuredToken.isBlank() ? null : TokenHash.of(configuredToken);
        this.clock = clock;
        forgetStoredHash();
    }

    public boolean configured() {
        return configuredHash != null;
    }

    /**
     * Generates and stores a root token when none is configured or stored; emits that token,
     * which the caller prints once. Empty when a root token already exists.
     */
    public Mono<String> ensure() {
        if (configured()) {
            return Mono.empty();
        }
        return Mono.from(settings.find(Filters.eq("_id", ID)).first()).hasElement().flatMap(exists -> {
            if (exists) {
                return Mono.<String>empty();
            }
            String token = TokenHash.newToken();
            return Mono.from(settings.insertOne(document(token)))
                    .thenReturn(token)
                    .doOnNext(created -> forgetStoredHash())
                    // Another instance started at the same moment and won: its token stands.
                    .onErrorResume(RootToken::isDuplicate, lost -> Mono.empty());
        });
    }

    /** Replaces the stored root token; the old one stops working within {@link #REFRESH} everywhere. */
    public Mono<String> rotate() {
        if (configured()) {
            return Mono.error(new IllegalStateException("The root token is fixed by MALLARD_ROOT_TOKEN; change it there"));
        }
        String token = TokenHash.newToken();
        return Mono.from(settings.replaceOne(Filters.eq("_id", ID), document(token), new ReplaceOptions().upsert(true)))
                .thenReturn(token)
                .doOnNext(done -> forgetStoredHash());
    }

    /** Whether the value is the root token; the hashes are compared in constant time. */
    public Mono<Boolean> matches(String token) {
        if (token == null || token.isEmpty()) {
            return Mono.just(false);
        }
        String hash = TokenHash.of(token);
        if (configured()) {
            return Mono.just(TokenHash.same(hash, configuredHash));
        }
        return storedHash.get().map(stored -> stored.map(value -> TokenHash.same(hash, value)).orElse(false));
    }

    private Document document(String token) {
        return new Document("_id", ID).append("hash", TokenHash.of(token)).append("created", Date.from(clock.instant()));
    }

    private void forgetStoredHash() {
        storedHash.set(Mono.from(settings.find(Filters.eq("_id", ID)).first())
                .map(found -> Optional.ofNullable(found.getString("hash")))
                .defaultIfEmpty(Optional.empty())
                .cache(value -> REFRESH, error -> Duration.ZERO, () -> REFRESH));
    }

    private static boolean isDuplicate(Throwable error) {
        return error instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }
}
