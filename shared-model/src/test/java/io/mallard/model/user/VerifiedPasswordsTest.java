package io.mallard.model.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class VerifiedPasswordsTest {

    private final PasswordHasher hasher = new PasswordHasher(new VerifiedPasswords(100, Duration.ofHours(1)));

    @Test
    void aPasswordThatMatchedIsRecognisedAgainWithoutAKeyDerivation() {
        String hash = hasher.hash("s3cret").block();
        assertThat(hasher.verify("s3cret", hash).block()).isTrue();
        long afterFirst = hasher.verifications();

        assertThat(hasher.verify("s3cret", hash).block()).isTrue();
        assertThat(hasher.verify("s3cret", hash).block()).isTrue();

        assertThat(hasher.verifications()).isEqualTo(afterFirst);
    }

    @Test
    void aWrongPasswordAlwaysPaysTheDerivationAndIsNeverRemembered() {
        String hash = hasher.hash("s3cret").block();
        assertThat(hasher.verify("s3cret", hash).block()).isTrue();
        long before = hasher.verifications();

        assertThat(hasher.verify("s3cret ", hash).block()).isFalse();
        assertThat(hasher.verify("s3cret ", hash).block()).isFalse();

        assertThat(hasher.verifications()).isEqualTo(before + 2);
    }

    @Test
    void afterAPasswordChangeTheOldPasswordIsCheckedAgainstTheNewHashAndFails() {
        String old = hasher.hash("old-password").block();
        assertThat(hasher.verify("old-password", old).block()).isTrue();
        String changed = hasher.hash("new-password").block();
        long before = hasher.verifications();

        assertThat(hasher.verify("old-password", changed).block()).isFalse();
        assertThat(hasher.verify("new-password", changed).block()).isTrue();

        assertThat(hasher.verifications()).isEqualTo(before + 2);
    }

    @Test
    void theSamePasswordHashedAgainWithANewSaltIsVerifiedAgain() {
        String first = hasher.hash("s3cret").block();
        assertThat(hasher.verify("s3cret", first).block()).isTrue();
        String second = hasher.hash("s3cret").block();
        long before = hasher.verifications();

        assertThat(hasher.verify("s3cret", second).block()).isTrue();

        assertThat(hasher.verifications()).isEqualTo(before + 1);
    }

    @Test
    void aMatchIsForgottenAfterItsLifetime() throws InterruptedException {
        PasswordHasher shortLived = new PasswordHasher(new VerifiedPasswords(100, Duration.ofMillis(50)));
        String hash = shortLived.hash("s3cret").block();
        assertThat(shortLived.verify("s3cret", hash).block()).isTrue();
        Thread.sleep(200);
        long before = shortLived.verifications();

        assertThat(shortLived.verify("s3cret", hash).block()).isTrue();

        assertThat(shortLived.verifications()).isEqualTo(before + 1);
    }

    @Test
    void aCacheOfSizeZeroKeepsNothing() {
        PasswordHasher uncached = new PasswordHasher(new VerifiedPasswords(0, Duration.ofHours(1)));
        String hash = uncached.hash("s3cret").block();
        long before = uncached.verifications();

        assertThat(uncached.verify("s3cret", hash).block()).isTrue();
        assertThat(uncached.verify("s3cret", hash).block()).isTrue();

        assertThat(uncached.verifications()).isEqualTo(before + 2);
    }
}
