package io.mallard.imap.command;

import java.util.List;

import io.mallard.imap.codec.Response;
import io.mallard.imap.codec.Value;
import io.mallard.imap.session.ImapConnection;
import reactor.core.publisher.Mono;

/**
 * Mallard's one quota per user in RFC 9208 terms: a single quota root named {@code ""} that holds
 * every mailbox of the user, with one resource, STORAGE, in units of 1,024 octets (§5.1), read from
 * the user's quota and the ledger's {@code storageUsed}. A user without a quota (0, unlimited) has
 * no quota root at all (§4.1.2). Messages are not counted by the store, so there is no MESSAGE.
 */
final class UserQuota {

    static final String ROOT = "";

    private UserQuota() {
    }

    /** The QUOTA response of the user's root, or empty when the user has none. */
    static Mono<Response> of(ImapConnection connection) {
        return connection.services().users().get(connection.user())
                .filter(user -> user.quota() > 0)
                .map(user -> Response.Data.of(Value.atom("QUOTA"), Value.string(ROOT), Value.list(List.of(
                        Value.atom("STORAGE"), Value.atom(ceilKib(user.storageUsed())), Value.atom(user.quota() / 1024)))));
    }

    /** Usage rounds up, so that a user at the limit never reads as below it. */
    private static long ceilKib(long bytes) {
        return Math.max(0, (bytes + 1023) / 1024);
    }
}
