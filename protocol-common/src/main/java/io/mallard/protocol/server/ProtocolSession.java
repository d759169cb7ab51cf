package io.mallard.protocol.server;

import io.mallard.protocol.codec.Frame;

/**
 * A protocol's state for one connection: IMAP, POP3 or LMTP logic plugs in here. Callbacks run on
 * the connection's event loop and must not block; slow work returns to the event loop through the
 * {@link SessionContext}, whose methods are safe from any thread unless documented otherwise.
 */
public interface ProtocolSession {

    /** The next frame from the client, in wire order. */
    void onFrame(Frame frame, SessionContext context);

    /** The connection is gone; called once. Release what the session holds. */
    default void onClose(SessionContext context) {
    }
}
