package io.mallard.lmtp.session;

import io.mallard.protocol.hook.ConnectionInfo;
import io.mallard.protocol.server.Replies;

/** The lines the LMTP server sends on its own (RFC 2033 §4, RFC 5321 §4.2, RFC 3463 codes). */
public record LmtpReplies(String hostName) implements Replies {

    @Override
    public String greeting(ConnectionInfo info) {
        return "220 " + hostName + " Mallard LMTP ready";
    }

    @Override
    public String rejection(String reason) {
        return "421 4.7.0 " + reason;
    }

    @Override
    public String shutdown() {
        return "421 4.3.2 Server shutting down";
    }

    @Override
    public String idleTimeout() {
        return "421 4.4.2 Idle for too long, closing connection";
    }
}
