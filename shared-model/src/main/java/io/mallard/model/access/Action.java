package io.mallard.model.access;

import java.util.Locale;

/** What a caller does to an API resource; WildDuck's (and AccessControl's) CRUD verbs. */
public enum Action {
    CREATE, READ, UPDATE, DELETE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Action of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
