package io.mallard.protocol.server;

import io.mallard.protocol.hook.ConnectionInfo;

/** Makes the session of an accepted connection, just before its greeting is sent; on the event loop. */
@FunctionalInterface
public interface SessionFactory {

    ProtocolSession create(ConnectionInfo info);
}
