package io.mallard.imap.session;

import io.mallard.protocol.hook.ConnectionInfo;
import io.mallard.protocol.server.Replies;

/** The lines the IMAP server sends on its own (RFC 9051 §7.1.1 greeting, §7.1.5 BYE). */
public record ImapReplies(String hostName) implements Replies {

    @Override
    public String greeting(ConnectionInfo info) {
        return "* OK " + hostName + " Mallard IMAP ready";
    }

    @Override
    public String rejection(String reason) {
        return "* BYE " + reason;
    }

    @Override
    public String shutdown() {
        return "* BYE Server shutting down";
    }

    @Override
    public String idleTimeout() {
        return "* BYE Autologout; idle for too long";
    }
}
