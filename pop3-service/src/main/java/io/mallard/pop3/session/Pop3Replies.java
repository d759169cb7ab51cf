package io.mallard.pop3.session;

import io.mallard.protocol.hook.ConnectionInfo;
import io.mallard.protocol.server.Replies;

/** The lines the POP3 server sends on its own (RFC 1939 §4; response codes per RFC 2449/3206). */
public record Pop3Replies(String hostName) implements Replies {

    @Override
    public String greeting(ConnectionInfo info) {
        return "+OK " + hostName + " Mallard POP3 ready";
    }

    @Override
    public String rejection(String reason) {
        return "-ERR [SYS/TEMP] " + reason;
    }

    @Override
    public String shutdown() {
        return "-ERR [SYS/TEMP] Server shutting down";
    }

    @Override
    public String idleTimeout() {
        return "-ERR Idle for too long, closing connection";
    }
}
