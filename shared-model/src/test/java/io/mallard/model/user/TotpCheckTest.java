package io.mallard.model.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.model.Filters;

import io.mallard.model.testing.SettableClock;
import reactor.core.publisher.Mono;

/** TOTP set-up, confirmation, RFC 6238 §5.2 window and replay rules, and seeds sealed at rest. */
class TotpCheckTest {

    /** The start of a 30-second step, so that "one step later" is unambiguous. */
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    static Path dataDir;

    private static AccountFixture accounts;
    private final SettableClock clock = new SettableClock(T0.plusSeconds(10));

    @BeforeAll
    static void open() {
        accounts = new AccountFixture(dataDir);
    }

    @AfterAll
    static void close() {
        accounts.close();
    }

    private TotpCheck totp(String key) {
        return new TotpCheck(accounts.users, accounts.stores.redis().commands(), key, clock);
    }

    private static String code(String seed, Instant at) {
        return TotpCodes.code(seed, at);
    }

    @Test
    void aSeedTakesEffectOnlyOnceACodeFromItIsConfirmed() {
        TotpCheck totp = totp(null);
        User nora = accounts.user("nora", "nora@totp.example");
        TotpSetup setup = totp.setup(nora.id(), "Mallard Mail", "nora@totp.example").block();

        assertThat(setup.seed()).matches("[A-Z2-7]{32}");
        assertThat(setup.otpauthUrl()).isEqualTo("otpauth://totp/Mallard%20Mail:nora%40totp.example?secret=" + setup.seed()
                + "&issuer=Mallard%20Mail&algorithm=SHA1&digits=6&period=30");
        assertThat(accounts.users.get(nora.id()).block().twoFactor()).isFalse();
        assertThat(totp.verify(nora.id(), code(setup.seed(), clock.instant())).block()).as("not enabled yet").isFalse();

        String wrong = code(setup.seed(), T0.minusSeconds(3600));
        assertThat(totp.enable(nora.id(), wrong).block()).isFalse();
        assertThat(totp.enable(nora.id(), code(setup.seed(), clock.instant())).block()).isTrue();

        assertThat(accounts.users.get(nora.id()).block().twoFactor()).isTrue();
        assertThat(totp.setup(nora.id(), "Mallard", "nora").onErrorResume(IllegalStateException.class, e -> Mono.empty())
                .block()).as("a second setup while enabled").isNull();
        assertThat(totp.disable(nora.id()).block()).isTrue();
        assertThat(accounts.users.get(nora.id()).block().twoFactor()).isFalse();
    }

    @Test
    void aCodeIsAcceptedOnceAndNeverAfterANewerOne() {
        TotpCheck totp = totp(null);
        User otto = accounts.user("otto", "otto@totp.example");
        String seed = enabled(totp, otto);

        // The enabling code (step T0) is used up: the next step's code is accepted once, one step early.
        assertThat(totp.verify(otto.id(), code(seed, clock.instant())).block()).as("the enabling code again").isFalse();
        String next = code(seed, T0.plusSeconds(30));
        assertThat(totp.verify(otto.id(), next).block()).isTrue();
        assertThat(totp.verify(otto.id(), next).block()).as("replayed").isFalse();

        clock.advance(Duration.ofSeconds(30));
        assertThat(totp.verify(otto.id(), code(seed, T0)).block()).as("older than the last accepted").isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(totp.verify(otto.id(), code(seed, clock.instant())).block()).isTrue();
    }

    @Test
    void codesMoreThanOneStepAwayAreRefused() {
        TotpCheck totp = totp(null);
        User pia = accounts.user("pia", "pia@totp.example");
        String seed = enabled(totp, pia);
        clock.advance(Duration.ofMinutes(5));

        assertThat(totp.verify(pia.id(), code(seed, clock.instant().minusSeconds(60))).block()).isFalse();
        assertThat(totp.verify(pia.id(), code(seed, clock.instant().plusSeconds(60))).block()).isFalse();
        assertThat(totp.verify(pia.id(), "12345").block()).isFalse();
        assertThat(totp.verify(pia.id(), code(seed, clock.instant().minusSeconds(30))).block()).isTrue();
    }

    @Test
    void withAKeySeedsAreStoredEncryptedAndReadableByEveryInstanceWithThatKey() {
        TotpCheck sealing = totp("a long random secret shared by every instance");
        User quinn = accounts.user("quinn", "quinn@totp.example");
        TotpSetup setup = sealing.setup(quinn.id(), "Mallard", "quinn").block();

        Document stored = stored(quinn);
        assertThat(stored.getString("totpPendingSecret")).startsWith("aes-gcm:").doesNotContain(setup.seed());
        assertThat(sealing.enable(quinn.id(), code(setup.seed(), clock.instant())).block()).isTrue();
        assertThat(stored(quinn).getString("totpSecret")).startsWith("aes-gcm:").doesNotContain(setup.seed());

        TotpCheck otherInstance = totp("a long random secret shared by every instance");
        assertThat(otherInstance.verify(quinn.id(), code(setup.seed(), clock.instant().plusSeconds(30))).block()).isTrue();
        assertThatThrownBy(() -> totp(null).verify(quinn.id(), code(setup.seed(), clock.instant().plusSeconds(60))).block())
                .hasMessageContaining("totp-encryption-key");
    }

    private String enabled(TotpCheck totp, User user) {
        clock.set(T0.plusSeconds(10));
        TotpSetup setup = totp.setup(user.id(), "Mallard", user.username()).block();
        assertThat(totp.enable(user.id(), code(setup.seed(), clock.instant())).block()).isTrue();
        return setup.seed();
    }

    private static Document stored(User user) {
        return Mono.from(accounts.stores.mongo().database().getCollection(UserStore.COLLECTION)
                .find(Filters.eq("_id", user.id())).first()).block();
    }
}
