package io.mallard.bench;

import java.util.concurrent.Callable;

import io.mallard.model.user.PasswordHasher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Prints a Dovecot passdb password hashed exactly as Mallard hashes its own (Argon2id with the
 * parameters of {@link PasswordHasher}), so that LOGIN costs the same key derivation on both
 * sides and the benchmark compares servers, not password policies.
 */
@Command(name = "dovecot-password", description = "an {ARGON2ID} passdb entry with Mallard's parameters")
final class DovecotPasswordCommand implements Callable<Integer> {

    private static final String MALLARD_PREFIX = "{argon2}";

    @Parameters(index = "0", description = "the password")
    String password;

    @Override
    public Integer call() {
        String hash = new PasswordHasher().hash(password).block();
        if (hash == null || !hash.startsWith(MALLARD_PREFIX)) {
            System.err.println("unexpected hash format: " + hash);
            return 1;
        }
        // Dovecot's scheme name for the same PHC string (libsodium reads m, t and p from it).
        System.out.println("{ARGON2ID}" + hash.substring(MALLARD_PREFIX.length()));
        return 0;
    }
}
