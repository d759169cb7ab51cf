package io.mallard.model.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.model.store.RedisStore;
import io.mallard.model.store.embedded.EmbeddedRedisServer;
import io.mallard.model.testing.SettableClock;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** Per-user connection slots on a real redis-server, shared by "instances" that each have their own connection. */
class ConnectionSlotsTest {

    private static final Duration LEASE = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    static EmbeddedRedisServer server;
    static RedisStore redis;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeAll
    static void open() {
        server = EmbeddedRedisServer.start(dir);
        redis = new RedisStore(server.uri());
    }

    @AfterAll
    static void close() {
        redis.close();
        server.close();
    }

    @Test
    void theSlotOverTheLimitIsRefusedUntilOneIsReleased() {
        ConnectionSlots slots = new ConnectionSlots(redis.commands(), "imap", LEASE, clock);
        ObjectId user = new ObjectId();
        ConnectionSlots.Slot first = slots.acquire(user, 2).block();
        ConnectionSlots.Slot second = slots.acquire(user, 2).block();
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(slots.acquire(user, 2).blockOptional()).isEmpty();
        assertThat(slots.acquire(new ObjectId(), 2).blockOptional()).as("another user").isPresent();
        assertThat(new ConnectionSlots(redis.commands(), "pop3", LEASE, clock).acquire(user, 2)
                .blockOptional()).as("another protocol").isPresent();

        first.release().block();
        assertThat(slots.inUse(user).block()).isEqualTo(1);
        assertThat(slots.acquire(user, 2).blockOptional()).isPresent();
    }

    @Test
    void aCrashedInstancesSlotsRunOutAfterOneLeaseWhileRenewedOnesStay() {
        ObjectId user = new ObjectId();
        try (RedisStore crashing = new RedisStore(server.uri())) {
            ConnectionSlots dead = new ConnectionSlots(crashing.commands(), "imap", LEASE, clock);
            ConnectionSlots live = new ConnectionSlots(redis.commands(), "imap", LEASE, clock);
            ConnectionSlots.Slot kept = live.acquire(user, 3).block();
            dead.acquire(user, 3).block();
            dead.acquire(user, 3).block();
            crashing.close();
            assertThat(live.acquire(user, 3).blockOptional()).isEmpty();

            clock.advance(Duration.ofSeconds(40));
            assertThat(kept.renew().block()).isTrue();
            clock.advance(Duration.ofSeconds(21));

            ConnectionSlots.Slot freed = live.acquire(user, 3).block();
            assertThat(freed).as("a dead slot ran out").isNotNull();
            assertThat(live.acquire(user, 3).blockOptional()).as("the other dead slot ran out").isPresent();
            assertThat(live.acquire(user, 3).blockOptional()).as("the renewed slot is still held").isEmpty();

            clock.advance(LEASE.plusSeconds(1));
            assertThat(kept.renew().block()).as("a slot that ran out is not taken back").isFalse();
        }
    }

    @Test
    void parallelLoginsFromTwoInstancesNeverTakeMoreThanTheLimit() {
        ObjectId user = new ObjectId();
        try (RedisStore other = new RedisStore(server.uri())) {
            List<ConnectionSlots> instances = List.of(
                    new ConnectionSlots(redis.commands(), "imap", LEASE, clock),
                    new ConnectionSlots(other.commands(), "imap", LEASE, clock));
            List<ConnectionSlots.Slot> taken = Flux.range(0, 60)
                    .parallel(8).runOn(Schedulers.parallel())
                    .flatMap(i -> instances.get(i % 2).acquire(user, 15))
                    .sequential().collectList().block();
            assertThat(taken).hasSize(15);
            assertThat(instances.get(0).inUse(user).block()).isEqualTo(15);
        }
    }
}
