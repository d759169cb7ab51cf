package io.mallard.lmtp.session;

import java.util.Locale;

import io.mallard.protocol.codec.Frame;
import io.mallard.protocol.codec.Line;
import io.mallard.protocol.server.ProtocolSession;
import io.mallard.protocol.server.SessionContext;

/**
 * An LMTP connection before LHLO. It knows QUIT and answers the rest with 502 (RFC 5321 §4.2.4)
 * until the command set is built on it.
 */
public final class LmtpSession implements ProtocolSession {

    private final LmtpReplies replies;

    public LmtpSession(LmtpReplies replies) {
        this.replies = replies;
    }

    @Override
    public void onFrame(Frame frame, SessionContext context) {
        if (!(frame instanceof Line line)) {
            context.write("500 5.5.2 Line too long");
            return;
        }
        String command = line.text().split(" ", 2)[0].toUpperCase(Locale.ROOT);
        if (command.equals("QUIT")) {
            context.close("221 2.0.0 " + replies.hostName() + " closing connection");
        } else {
            context.write("502 5.5.1 Command not implemented");
        }
    }
}
