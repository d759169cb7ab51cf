package io.mallard.lmtp.session;

import io.mallard.lmtp.codec.CommandParser;
import io.mallard.lmtp.codec.CommandSyntaxException;
import io.mallard.lmtp.command.CommandRegistry;
import io.mallard.lmtp.command.Conversation;
import io.mallard.lmtp.command.LmtpSettings;
import io.mallard.protocol.codec.ContentChunk;
import io.mallard.protocol.codec.ContentEnd;
import io.mallard.protocol.codec.DataTooBig;
import io.mallard.protocol.codec.Frame;
import io.mallard.protocol.codec.Line;
import io.mallard.protocol.codec.LineTooLong;
import io.mallard.protocol.server.ProtocolSession;
import io.mallard.protocol.server.SessionContext;

/**
 * One LMTP connection: frames from the decoder become commands for the registry, or content for
 * the open transaction. Errors of the wire itself are answered here, keeping the connection
 * (RFC 5321 §4.5.3.1.4: a line too long is a 500, not a reason to hang up).
 */
public final class LmtpSession implements ProtocolSession {

    private final CommandRegistry commands;
    private final LmtpSettings settings;
    private Conversation conversation;

    public LmtpSession(CommandRegistry commands, LmtpSettings settings) {
        this.commands = commands;
        this.settings = settings;
    }

    @Override
    public void onFrame(Frame frame, SessionContext context) {
        if (conversation == null) {
            conversation = new Conversation(context, settings);
        }
        if (frame instanceof Line line) {
            command(line);
        } else if (frame instanceof ContentChunk chunk) {
            conversation.content(chunk.data());
        } else if (frame instanceof DataTooBig) {
            conversation.contentTooBig();
        } else if (frame instanceof ContentEnd) {
            conversation.contentEnded();
        } else if (frame instanceof LineTooLong) {
            conversation.reply(500, "5.5.2", "Line too long");
        } else {
            conversation.reply(500, "5.5.2", "Unexpected input");
        }
    }

    private void command(Line line) {
        if (!line.crlf()) {
            // RFC 5321 §2.3.8: lines end in CRLF; a bare LF is how smuggling attacks start.
            conversation.reply(500, "5.5.2", "Line must end with CRLF");
            return;
        }
        try {
            commands.dispatch(CommandParser.parse(line.text()), conversation);
        } catch (CommandSyntaxException e) {
            conversation.reply(501, "5.5.4", "Syntax error: " + e.getMessage());
        }
    }
}
