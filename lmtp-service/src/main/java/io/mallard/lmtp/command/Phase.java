package io.mallard.lmtp.command;

import java.util.EnumSet;
import java.util.Set;

/** Where a connection is in the dialogue (RFC 5321 §4.1.4 ordering, RFC 2033 §4.1). */
public enum Phase {
    /** Greeted, no LHLO yet (again after STARTTLS, RFC 3207 §4.2). */
    GREETED,
    /** LHLO done, no transaction. */
    READY,
    /** MAIL FROM accepted: recipients and then content may follow. */
    TRANSACTION;

    public static final Set<Phase> ANY = EnumSet.allOf(Phase.class);
    public static final Set<Phase> OUTSIDE_TRANSACTION = EnumSet.of(GREETED, READY);
}
