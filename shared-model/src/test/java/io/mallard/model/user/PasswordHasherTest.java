package io.mallard.model.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

class PasswordHasherTest {

    private static PasswordHasher hasher;

    @BeforeAll
    static void createHasher() {
        hasher = new PasswordHasher();
    }

    @Test
    void newHashesAreArgon2idUnderAnIdPrefixAndNeedNoRehash() {
        String hash = hasher.hash("s3cret").block();

        assertThat(hash).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.verify("s3cret", hash).block()).isTrue();
        assertThat(hasher.verify("s3cret ", hash).block()).isFalse();
        assertThat(hasher.needsRehash(hash)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "$2b$04$abcdefghijklmnopqrstuuvyvKgUKi8FXjEewSUCeQxDbz4ZPAwPO",
            "$6$saltsaltsalt$CDU5H64saEVKN.ZCCe7btQpcYxf3IHVnma0uijvf6BQz.KrWkItV2oDst2d8bm8XkKCj4MwizLx8kSVmjZn2y0",
            "{SHA512-CRYPT}$6$saltsaltsalt$CDU5H64saEVKN.ZCCe7btQpcYxf3IHVnma0uijvf6BQz.KrWkItV2oDst2d8bm8XkKCj4MwizLx8kSVmjZn2y0",
            "{SHA256-CRYPT}$5$saltsaltsalt$FgTSH.h1wwlbUdb8tFgjicV/DINUoIGqtymy2EXn/c/",
            "{BLF-CRYPT}$2y$04$abcdefghijklmnopqrstuuvyvKgUKi8FXjEewSUCeQxDbz4ZPAwPO",
            "$pbkdf2-sha512$1000$MDEyMzQ1Njc4OWFiY2RlZg$J6VjH3XGRigPRfL9tytsuRnS9oaZ8gT7evIaKqay66/rga7VpcpcHb/dbdBIasnTHe3baenhRHVQGRsDcPrXKQ",
            // doveadm pw -s ARGON2ID -p Mallard-p4ss (Dovecot 2.3.19, libsodium): verified natively
            "{ARGON2ID}$argon2id$v=19$m=65536,t=3,p=1$HwSiPm2oF1a/G7kkFu0XnA$A2OzFcnYxtMCJgYZoQ52RFlDmqavcwYJdL03cC+UfO4",
    })
    void importedHashesVerifyAndAskForARehash(String imported) {
        assertThat(hasher.verify("Mallard-p4ss", imported).block()).isTrue();
        assertThat(hasher.verify("mallard-p4ss", imported).block()).isFalse();
        assertThat(hasher.needsRehash(imported)).isTrue();
    }

    @Test
    void argon2idRunsInNativeCodeOnThisPlatform() {
        assertThat(hasher.usesNativeArgon2()).isTrue();
    }

    @Test
    void hashesWrittenNativelyVerifyWithBouncyCastleAndTheOtherWayRound() {
        String password = "pässwörd ✓";
        Argon2PasswordEncoder bouncyCastle = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);

        String nativeHash = hasher.hash(password).block();
        String bouncyCastleHash = "{argon2}" + bouncyCastle.encode(password);

        assertThat(bouncyCastle.matches(password, nativeHash.substring("{argon2}".length()))).isTrue();
        assertThat(bouncyCastle.matches("passwörd ✓", nativeHash.substring("{argon2}".length()))).isFalse();
        assertThat(hasher.verify(password, bouncyCastleHash).block()).isTrue();
        assertThat(hasher.verify("passwörd ✓", bouncyCastleHash).block()).isFalse();
        assertThat(hasher.needsRehash(bouncyCastleHash)).isFalse();
    }

    @Test
    void withoutTheNativeLibraryBouncyCastleHashesAndVerifiesTheSameStrings() {
        PasswordHasher fallback = new PasswordHasher(false, VerifiedPasswords.NONE);

        String fallbackHash = fallback.hash("s3cret").block();

        assertThat(fallback.usesNativeArgon2()).isFalse();
        assertThat(fallbackHash).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.verify("s3cret", fallbackHash).block()).isTrue();
        assertThat(fallback.verify("s3cret", hasher.hash("s3cret").block()).block()).isTrue();
        assertThat(fallback.verify("s3cret ", fallbackHash).block()).isFalse();
        assertThat(fallback.needsRehash(fallbackHash)).isFalse();
    }

    @Test
    void weakerArgon2ParametersAskForARehash() {
        String weak = "{argon2}" + Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("x");

        assertThat(hasher.verify("x", weak).block()).isTrue();
        assertThat(hasher.needsRehash(weak)).isTrue();
    }

    @Test
    void aMissingHashOrAnUnknownSchemeStillCostsOneVerification() {
        long before = hasher.verifications();

        assertThat(hasher.verify("x", null).block()).isFalse();
        assertThat(hasher.verify("x", "{nope}abc").block()).isFalse();

        assertThat(hasher.verifications()).isEqualTo(before + 2);
    }

    /** Not a timing assertion: prints the cost of one verify for the report. */
    @Test
    void measuresOneVerification() {
        String hash = hasher.hash("measure").block();
        for (int i = 0; i < 3; i++) {
            hasher.verify("measure", hash).block();
        }
        int runs = 10;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            hasher.verify("measure", hash).block();
        }
        long dummyStart = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            hasher.verify("measure", null).block();
        }
        long end = System.nanoTime();
        System.out.printf("argon2id verify: %.1f ms, dummy verify: %.1f ms%n",
                (dummyStart - start) / 1e6 / runs, (end - dummyStart) / 1e6 / runs);
    }
}
