package io.mallard.model.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.model.config.MallardProperties;
import io.mallard.model.store.Stores;
import io.mallard.model.testing.SettableClock;
import reactor.core.publisher.Flux;

/** The sliding window itself, on a real redis-server: when a lockout starts, how long it lasts, what it keeps. */
class AuthFailureCounterTest {

    @TempDir
    static Path dir;

    static Stores stores;

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final SettableClock clock = new SettableClock(START);

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
            clock.set(START.plusSeconds(second));
            assertThat(counter.begin(login, "192.0.2.1").block().locked()).isFalse();
        }
        assertThat(counter.begin(login, "192.0.2.1").block().lockedFor()).isEqualTo(Duration.ofSeconds(20));

        advance(Duration.ofSeconds(21));
        assertThat(counter.begin(login, "192.0.2.1").block().locked()).as("first failure left the window").isFalse();
        assertThat(counter.begin(login, "192.0.2.1").block().lockedFor()).isEqualTo(Duration.ofSeconds(19));
    }

    @Test
    void anAcceptedPasswordRemovesOnlyItsOwnAttempt() {
        AuthFailureCounter counter = counter(3, 100);
        String login = "accepted-" + System.nanoTime();
        counter.begin(login, "192.0.2.2").block();
        counter.begin(login, "192.0.2.3").block();
        counter.begin(login, "192.0.2.2").block().passwordAccepted().block();
        assertThat(stores.redis().commands().zcard(AuthFailureCounter.LOGIN_KEY + login).block()).isEqualTo(2);
        assertThat(counter.begin(login, "192.0.2.3").block().locked()).isFalse();
        assertThat(counter.begin(login, "192.0.2.3").block().locked()).isTrue();
    }

    @Test
    void loginNamesAreCountedCaseInsensitivelyAndIpsSeparately() {
        AuthFailureCounter counter = counter(2, 100);
        String login = "Case-" + System.nanoTime();
        counter.begin(login, "192.0.2.10").block();
        counter.begin(login.toLowerCase(), "192.0.2.11").block();
        assertThat(counter.begin(login.toUpperCase(), "192.0.2.12").block().locked()).isTrue();
        assertThat(counter.begin("someone-else", "192.0.2.10").block().locked()).isFalse();
    }

    @Test
    void theIpLimitLocksEveryLoginFromThatIpAndReleasesTheLoginSlot() {
        AuthFailureCounter counter = counter(100, 2);
        String ip = "198.18.5.5";
        counter.begin("a-" + System.nanoTime(), ip).block();
        counter.begin("b-" + System.nanoTime(), ip).block();
        String third = "c-" + System.nanoTime();
        assertThat(counter.begin(third, ip).block().lockedFor()).isEqualTo(Duration.ofSeconds(60));
        assertThat(stores.redis().commands().zcard(AuthFailureCounter.LOGIN_KEY + third).block()).isZero();
    }

    @Test
    void parallelAttemptsCannotOvershootTheLimit() {
        AuthFailureCounter counter = counter(12, 1000);
        String login = "parallel-" + System.nanoTime();
        long admitted = Flux.range(0, 500).flatMap(i -> counter.begin(login, "192.0.2.50"), 64)
                .filter(attempt -> !attempt.locked()).count().block();
        assertThat(admitted).isEqualTo(12);
    }

    private AuthFailureCounter counter(int perLogin, int perIp) {
        return new AuthFailureCounter(stores.redis().commands(), new AuthFailureLimits(
                new FailureWindow(perLogin, Duration.ofSeconds(60)), new FailureWindow(perIp, Duration.ofSeconds(60))), clock);
    }

    private void advance(Duration duration) {
        clock.advance(duration);
    }
}
