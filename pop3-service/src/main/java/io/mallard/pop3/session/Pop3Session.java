package io.mallard.pop3.session;

import java.util.Locale;

import io.mallard.protocol.codec.Frame;
import io.mallard.protocol.codec.Line;
import io.mallard.protocol.server.ProtocolSession;
import io.mallard.protocol.server.SessionContext;

/**
 * A POP3 connection in the AUTHORIZATION state. It knows QUIT and answers the rest with -ERR
 * (RFC 1939 §3) until the command set is built on it.
 */
public final class Pop3Session implements ProtocolSession {

    private final Pop3Replies replies;

    public Pop3Session(Pop3Replies replies) {
        this.replies = replies;
    }

    @Override
    public void onFrame(Frame frame, SessionContext context) {
        if (!(frame instanceof Line line)) {
            context.write("-ERR Line too long");
            return;
        }
        String command = line.text().split(" ", 2)[0].toUpperCase(Locale.ROOT);
        if (command.equals("QUIT")) {
            context.close("+OK " + replies.hostName() + " signing off");
        } else {
            context.write("-ERR Command not supported");
        }
    }
}
