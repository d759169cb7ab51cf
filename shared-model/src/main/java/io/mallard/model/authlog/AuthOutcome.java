package io.mallard.model.authlog;

/** How an authentication attempt ended; stored lowercase in {@code authlog.result}. */
public enum AuthOutcome {
    SUCCESS,
    UNKNOWN_USER,
    WRONG_PASSWORD,
    USER_DISABLED,
    /** The user has this protocol in its disabled scopes, or the ASP does not cover it. */
    SCOPE_DENIED,
    /** The master password was right but 2FA is on: IMAP/POP3/SMTP need an application password. */
    APP_PASSWORD_REQUIRED,
    /** The password was right but the TOTP code was wrong, or already used (RFC 6238 §5.2). */
    WRONG_TOTP,
    /** Refused unchecked: the account's or the address's failure window is full. */
    LOCKED;

    public boolean success() {
        return this == SUCCESS;
    }
}
