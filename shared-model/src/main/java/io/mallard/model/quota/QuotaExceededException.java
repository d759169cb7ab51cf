package io.mallard.model.quota;

import org.bson.types.ObjectId;

/** A store refused because it would take the user over quota: IMAP answers RFC 9208 [OVERQUOTA]. */
public final class QuotaExceededException extends RuntimeException {

    private final transient ObjectId user;
    private final long quota;
    private final long requested;

    public QuotaExceededException(ObjectId user, long quota, long requested) {
        super("Quota of " + quota + " bytes exceeded by storing " + requested + " bytes for user " + user);
        this.user = user;
        this.quota = quota;
        this.requested = requested;
    }

    public ObjectId user() {
        return user;
    }

    public long quota() {
        return quota;
    }

    public long requested() {
        return requested;
    }
}
