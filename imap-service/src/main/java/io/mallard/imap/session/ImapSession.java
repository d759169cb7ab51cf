package io.mallard.imap.session;

import java.util.Locale;

import io.mallard.protocol.codec.Frame;
import io.mallard.protocol.codec.Line;
import io.mallard.protocol.server.ProtocolSession;
import io.mallard.protocol.server.SessionContext;

/**
 * An IMAP connection in the not-authenticated state. It knows LOGOUT and refuses the rest with a
 * tagged BAD (RFC 9051 §7.1.3) until the command set is built on it.
 */
public final class ImapSession implements ProtocolSession {

    private final ImapReplies replies;

    public ImapSession(ImapReplies replies) {
        this.replies = replies;
    }

    @Override
    public void onFrame(Frame frame, SessionContext context) {
        if (!(frame instanceof Line line)) {
            context.write("* BAD Line or literal over the limit");
            return;
        }
        String[] words = line.text().split(" ", 3);
        String tag = words[0].isEmpty() ? "*" : words[0];
        String command = words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
        if (command.equals("LOGOUT")) {
            context.write("* BYE " + replies.hostName() + " logging out");
            context.close(tag + " OK LOGOUT completed");
        } else {
            context.write(tag + " BAD Command not supported");
        }
    }
}
