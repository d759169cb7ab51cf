package io.mallard.protocol.server;

import io.mallard.protocol.hook.ConnectionInfo;

/** The test protocol's own lines. */
final class EchoReplies implements Replies {

    @Override
    public String greeting(ConnectionInfo info) {
        return "OK ready" + (info.tls() ? " tls" : "");
    }

    @Override
    public String rejection(String reason) {
        return "NO " + reason;
    }

    @Override
    public String shutdown() {
        return "BYE shutting down";
    }

    @Override
    public String idleTimeout() {
        return "BYE idle";
    }
}
