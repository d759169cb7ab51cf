package io.mallard.model.user;

import java.util.Locale;

/**
 * What a credential is used for, WildDuck's scopes. {@code MASTER} is the API/web login, which
 * never accepts an application password.
 */
public enum Scope {
    IMAP, POP3, SMTP, MASTER;

    /** The stored (lowercase) name. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scope of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
