package io.mallard.model.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import de.mkammerer.argon2.Argon2Version;

/**
 * Vectors from Dovecot 2.3.19's {@code doveadm pw -s ARGON2ID -p Mallard-p4ss} and
 * {@code -s ARGON2I} (libsodium 1.0.18), none produced by the code under test.
 */
class NativeArgon2EncoderTest {

    private static final String DOVECOT_ARGON2ID =
            "$argon2id$v=19$m=65536,t=3,p=1$HwSiPm2oF1a/G7kkFu0XnA$A2OzFcnYxtMCJgYZoQ52RFlDmqavcwYJdL03cC+UfO4";
    private static final String DOVECOT_ARGON2I =
            "$argon2i$v=19$m=32768,t=4,p=1$cNAfocyTjlL2SKzM8pHSmQ$RaYEltqKe4gUm0rOUPbiO51IK0jtW7+UfHIb0qwwbhA";

    private final Argon2PasswordEncoder bouncyCastle = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    private final PasswordEncoder encoder =
            NativeArgon2Encoder.load(bouncyCastle, 16, 32, 19 * 1024, 2, 1).orElseThrow();

    @ParameterizedTest
    @ValueSource(strings = {DOVECOT_ARGON2ID, DOVECOT_ARGON2I})
    void verifiesLibsodiumHashesOfBothArgon2Variants(String hash) {
        assertThat(encoder.matches("Mallard-p4ss", hash)).isTrue();
        assertThat(encoder.matches("Mallard-p4ss!", hash)).isFalse();
    }

    @Test
    void writesThePhcStringBouncyCastleReadsWithUnpaddedBase64() {
        String hash = encoder.encode("Mallard-p4ss");

        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(bouncyCastle.matches("Mallard-p4ss", hash)).isTrue();
        assertThat(encoder.upgradeEncoding(hash)).isFalse();
        assertThat(encoder.upgradeEncoding(DOVECOT_ARGON2ID)).isFalse();
        assertThat(encoder.upgradeEncoding(Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("x"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "$argon2id$v=19$m=19456,t=2,p=1$!!!$A2OzFcnYxtMCJgYZoQ52RFlDmqavcwYJdL03cC+UfO4",
            "$argon2id$v=19$m=19456,t=2,p=1$HwSiPm2oF1a/G7kkFu0XnA",
            "$argon2id$v=19$m=x,t=2,p=1$HwSiPm2oF1a/G7kkFu0XnA$A2OzFcnYxtMCJgYZoQ52RFlDmqavcwYJdL03cC+UfO4",
            "$argon2id$",
    })
    void malformedHashesNeverMatch(String hash) {
        assertThat(encoder.matches("Mallard-p4ss", hash)).isFalse();
    }

    /** Argon2 version 1.0 (0x10), whose strings may leave the version out. */
    @Test
    void verifiesVersionOneZeroHashesWithAndWithoutTheVersionField() {
        String withVersion = Argon2Factory.createAdvanced(Argon2Types.ARGON2id).hashAdvanced(2, 1024, 1,
                "Mallard-p4ss".getBytes(), new byte[16], 32, Argon2Version.V10).getEncoded();
        String withoutVersion = withVersion.replace("$v=16$", "$");

        assertThat(withVersion).startsWith("$argon2id$v=16$m=1024,");
        assertThat(encoder.matches("Mallard-p4ss", withVersion)).isTrue();
        assertThat(encoder.matches("Mallard-p4ss", withoutVersion)).isTrue();
        assertThat(encoder.matches("Mallard-p4ss!", withoutVersion)).isFalse();
    }

    /** A genuine hash whose memory parameter is 1 KiB over the limit: refused without running it. */
    @Test
    void aHashAskingForMoreMemoryThanTheLimitNeverMatches() {
        String overLimit = Argon2Factory.create(Argon2Types.ARGON2id)
                .hash(1, NativeArgon2Encoder.MAX_MEMORY_KIB + 1, 1, "Mallard-p4ss".getBytes());

        assertThat(Argon2Factory.create(Argon2Types.ARGON2id).verify(overLimit, "Mallard-p4ss".getBytes())).isTrue();
        assertThat(encoder.matches("Mallard-p4ss", overLimit)).isFalse();
    }
}
