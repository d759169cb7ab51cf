package io.mallard.api.users;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The bodies of {@code POST /users} and {@code PUT /users/{user}}, with WildDuck's field names. */
final class UserRequests {

    static final String USERNAME = "[a-zA-Z0-9][a-zA-Z0-9._-]{0,127}";
    static final String SCOPE = "(?i)imap|pop3|smtp|master";

    private UserRequests() {
    }

    /**
     * @param hashedPassword {@code password} is a hash imported from WildDuck or Dovecot
     *     (bcrypt, PBKDF2, SHA-crypt), stored as it is and upgraded on the first login
     * @param requirePasswordChange the user should replace the password (say, it was generated)
     */
    record Create(
            @NotBlank @Pattern(regexp = USERNAME, message = "must be 1-128 letters, digits, dots, dashes or underscores") String username,
            @Size(min = 1, max = 256) String password,
            Boolean hashedPassword,
            @NotBlank @Size(max = 320) String address,
            @Size(max = 256) String name,
            @Min(0) Long quota,
            @Min(0) Integer recipients,
            @Min(0) Integer forwards,
            @Min(0) Integer imapMaxConnections,
            @Min(0) Integer pop3MaxConnections,
            @Min(0) @Max(100) Integer spamLevel,
            @Size(max = 100) List<@NotBlank @Size(max = 128) String> tags,
            List<@Pattern(regexp = SCOPE, message = "must be imap, pop3, smtp or master") String> disabledScopes,
            Boolean disabled,
            Boolean requirePasswordChange) {
    }

    /**
     * Null fields stay as they are.
     *
     * @param requirePasswordChange for a password set by someone else than the user, whether the
     *     user must replace it (default true); a user setting their own password clears it
     */
    record Update(
            @Size(min = 1, max = 256) String password,
            @Size(max = 256) String name,
            @Min(0) Long quota,
            @Min(0) Integer recipients,
            @Min(0) Integer forwards,
            @Min(0) Integer imapMaxConnections,
            @Min(0) Integer pop3MaxConnections,
            @Min(0) @Max(100) Integer spamLevel,
            @Size(max = 100) List<@NotBlank @Size(max = 128) String> tags,
            List<@Pattern(regexp = SCOPE, message = "must be imap, pop3, smtp or master") String> disabledScopes,
            Boolean disabled,
            Boolean requirePasswordChange) {
    }
}
