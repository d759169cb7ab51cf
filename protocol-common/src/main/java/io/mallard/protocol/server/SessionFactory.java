package io.mallard.protocol.server;

import io.mallard.protocol.hook.ConnectionInfo;

/** Makes the session of an accepted connection, right after its greeting was sent. */
@FunctionalInterface
public interface SessionFactory {

    ProtocolSession create(ConnectionInfo info);
}
