package io.mallard.model.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.model.config.MallardProperties;
import io.mallard.model.store.Stores;
import io.mallard.model.testing.SettableClock;
import reactor.core.publisher.Flux;

/** The shared component on its own, as api-service and the gateway call it: no HTTP, real Redis and MongoDB. */
class AccessTokensTest {

    @TempDir
    static Path dir;

    static Stores stores;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T00:00:00Z"));

    @BeforeAll
    static void open() {
        stores = Stores.open(MallardProperties.embeddedIn(dir));
    }

    @AfterAll
    static void close() {
        stores.close();
    }

    @Test
    void shortMaxAgeCapsTheFirstExpiryAndEverySlide() {
        AccessTokens tokens = tokens(null);
        IssuedToken issued = tokens.issue(null, "short-" + System.nanoTime(), "manager", "master", Duration.ofHours(1)).block();
        assertThat(issued.grant().expires()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(59));
        assertThat(tokens.verify(issued.token()).block().expires()).isEqualTo(issued.grant().issued().plus(Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(2));
        assertThat(tokens.verify(issued.token()).blockOptional()).isEmpty();
    }

    @Test
    void listShowsLiveTokensOnlyAndRevokeAllEmptiesIt() {
        AccessTokens tokens = tokens(null);
        ObjectId user = new ObjectId();
        IssuedToken first = tokens.issue(user, "judy", "user", "master", null).block();
        IssuedToken second = tokens.issue(user, "judy", "user", "master", Duration.ofMinutes(5)).block();
        assertThat(tokens.list(user, "judy").map(AccessGrant::hash).collectList().block())
                .containsExactlyInAnyOrder(first.grant().hash(), second.grant().hash());

        clock.advance(Duration.ofMinutes(6));
        assertThat(tokens.list(user, "judy").map(AccessGrant::hash).collectList().block()).containsExactly(first.grant().hash());
        assertThat(tokens.listAll().map(AccessGrant::hash).collectList().block()).contains(first.grant().hash())
                .doesNotContain(second.grant().hash());

        assertThat(tokens.revokeAll(user, "judy").block()).isEqualTo(1);
        assertThat(tokens.list(user, "judy").collectList().block()).isEmpty();
        IssuedToken after = tokens.issue(user, "judy", "user", "master", null).block();
        assertThat(after.grant().version()).isEqualTo(1);
        assertThat(tokens.verify(after.token()).block().user()).isEqualTo(user);
    }

    @Test
    void malformedValuesAreNeverLookedUp() {
        AccessTokens tokens = tokens(null);
        for (String junk : List.of("", "x", "ZZZZ", "*", "access:token:*", "0".repeat(39), "A".repeat(40), "0".repeat(129))) {
            assertThat(tokens.verify(junk).blockOptional()).as(junk).isEmpty();
            assertThat(tokens.revoke(junk).block()).as(junk).isFalse();
        }
        assertThat(tokens.verify(null).blockOptional()).isEmpty();
    }

    @Test
    void storedRootTokenIsCreatedOnceAndRotates() {
        RootToken root = new RootToken(stores.mongo().database(), null, clock);
        String generated = root.ensure().block();
        assertThat(generated).matches("[0-9a-f]{40}");
        assertThat(root.ensure().blockOptional()).isEmpty();
        assertThat(new RootToken(stores.mongo().database(), null, clock).ensure().blockOptional()).isEmpty();
        AccessTokens tokens = new AccessTokens(stores.redis().commands(), root, TokenLifetime.DEFAULTS, clock);
        assertThat(tokens.verify(generated).block().isRoot()).isTrue();

        String rotated = root.rotate().block();
        assertThat(tokens.verify(rotated).block().isRoot()).isTrue();
        assertThat(tokens.verify(generated).blockOptional()).isEmpty();
    }

    @Test
    void configuredRootTokenCannotBeRotated() {
        RootToken root = new RootToken(stores.mongo().database(), "configured secret", clock);
        assertThat(root.ensure().blockOptional()).isEmpty();
        assertThat(root.matches("configured secret").block()).isTrue();
        assertThat(root.matches("configured secreT").block()).isFalse();
        assertThatThrownBy(() -> root.rotate().block()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void verificationSpeed() {
        AccessTokens tokens = tokens("measure-root");
        String token = tokens.issue(new ObjectId(), "speed", "user", "master", null).block().token();
        for (int i = 0; i < 500; i++) {
            tokens.verify(token).block();
        }
        int sequential = 2000;
        long started = System.nanoTime();
        for (int i = 0; i < sequential; i++) {
            tokens.verify(token).block();
        }
        long sequentialNanos = System.nanoTime() - started;
        int concurrent = 20_000;
        started = System.nanoTime();
        long verified = Flux.range(0, concurrent).flatMap(i -> tokens.verify(token), 64).count().block();
        long concurrentNanos = System.nanoTime() - started;
        assertThat(verified).isEqualTo(concurrent);
        System.out.printf("verify: %d sequential, %.0f us each; %d at concurrency 64, %.0f per second%n",
                sequential, sequentialNanos / 1000.0 / sequential, concurrent, concurrent * 1e9 / concurrentNanos);
    }

    private AccessTokens tokens(String configuredRoot) {
        return new AccessTokens(stores.redis().commands(), new RootToken(stores.mongo().database(), configuredRoot, clock),
                TokenLifetime.DEFAULTS, clock);
    }
}
