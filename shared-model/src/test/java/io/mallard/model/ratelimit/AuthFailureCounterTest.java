package io.mallard.model.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.model.config.MallardProperties;
import io.mallard.model.store.Stores;

/** The sliding window itself, on a real redis-server: when a lockout starts, how long it lasts, what it keeps. */
class AuthFailureCounterTest {

    @TempDir
    static Path dir;

    static Stores stores;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    };

    @BeforeAll
    static void open() {
        stores = Stores.open(MallardProperties.embeddedIn(dir));
    }

    @AfterAll
    static void close() {
        stores.close();
    }

    @Test
    void lockoutLastsUntilTheOldestBlockingFailureLeavesTheWindow() {
        AuthFailureCounter counter = counter(3, 100);
        String login = "window-" + System.nanoTime();
        for (int second : new int[] {0, 20, 40}) {
            now.set(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(second));
            assertThat(counter.lockout(login, "192.0.2.1").blockOptional()).isEmpty();
            counter.recordFailure(login, "192.0.2.1").block();
        }
        assertThat(counter.lockout(login, "192.0.2.1").block()).isEqualTo(Duration.ofSeconds(20));

        advance(Duration.ofSeconds(21));
        assertThat(counter.lockout(login, "192.0.2.1").blockOptional()).as("first failure left the window").isEmpty();
        counter.recordFailure(login, "192.0.2.1").block();
        assertThat(counter.lockout(login, "192.0.2.1").block()).isEqualTo(Duration.ofSeconds(19));
    }

    @Test
    void loginNamesAreCountedCaseInsensitivelyAndIpsSeparately() {
        AuthFailureCounter counter = counter(2, 100);
        String login = "Case-" + System.nanoTime();
        counter.recordFailure(login, "192.0.2.10").block();
        counter.recordFailure(login.toLowerCase(), "192.0.2.11").block();
        assertThat(counter.lockout(login.toUpperCase(), "192.0.2.12").blockOptional()).isPresent();
        assertThat(counter.lockout("someone-else", "192.0.2.10").blockOptional()).isEmpty();
    }

    @Test
    void theIpLimitLocksEveryLoginFromThatIp() {
        AuthFailureCounter counter = counter(100, 2);
        String ip = "198.18.5.5";
        counter.recordFailure("a-" + System.nanoTime(), ip).block();
        counter.recordFailure("b-" + System.nanoTime(), ip).block();
        assertThat(counter.lockout("c-" + System.nanoTime(), ip).block()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void storedFailuresAreBoundedByTheLimit() {
        AuthFailureCounter counter = counter(5, 100);
        String login = "bounded-" + System.nanoTime();
        for (int i = 0; i < 50; i++) {
            counter.recordFailure(login, "192.0.2.99").block();
        }
        assertThat(stores.redis().commands().zcard(AuthFailureCounter.LOGIN_KEY + login).block()).isEqualTo(5);
    }

    private AuthFailureCounter counter(int perLogin, int perIp) {
        return new AuthFailureCounter(stores.redis().commands(), new AuthFailureLimits(
                new FailureWindow(perLogin, Duration.ofSeconds(60)), new FailureWindow(perIp, Duration.ofSeconds(60))), clock);
    }

    private void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }
}
