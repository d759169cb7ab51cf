package io.mallard.model.address;

import java.util.List;

import org.bson.types.ObjectId;

/** The outcome of resolving a recipient: a user's mailbox, a forward, or nothing. */
public sealed interface Resolution {

    /** Which lookup step matched, in the order the resolver tries them. */
    enum Match { EXACT, DOMAIN_ALIAS, TAG_STRIPPED, WILDCARD, CATCH_ALL }

    /**
     * Delivered to a user. A disabled user still resolves so that LMTP can answer "mailbox
     * disabled" (a permanent 5xx) rather than "no such user".
     */
    record ToUser(Address address, ObjectId user, boolean userDisabled, Match match) implements Resolution {
    }

    /** A forwarded-only address: the message goes to the targets, no local mailbox. */
    record Forwarded(Address address, List<ForwardTarget> targets, Match match) implements Resolution {
    }

    record NotFound() implements Resolution {
    }
}
