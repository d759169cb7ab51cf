package io.mallard.protocol.hook;

import reactor.core.publisher.Mono;

/**
 * Called around every connection, e.g. to block addresses, count clients or audit. A plain
 * interface so that services can expose implementations as beans.
 *
 * <p>Both methods run on the connection's event loop: they must not block. Slow checks belong in
 * the returned {@link Mono}. An empty or failed {@code Mono} rejects the connection.
 */
public interface ConnectionHooks {

    /** Accepts everything and does nothing on close. */
    ConnectionHooks ACCEPT_ALL = new ConnectionHooks() { };

    /** Decides whether the connection gets a greeting or a rejection line. */
    default Mono<ConnectionDecision> onConnect(ConnectionInfo info) {
        return Mono.just(ConnectionDecision.accept());
    }

    /** Called exactly once for every connection that reached {@link #onConnect}, whatever the decision. */
    default void onClose(ConnectionInfo info) {
    }
}
