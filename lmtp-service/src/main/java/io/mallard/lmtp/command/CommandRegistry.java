package io.mallard.lmtp.command;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.mallard.lmtp.codec.LmtpCommand;
import io.mallard.lmtp.delivery.DeliveryMetrics;
import io.mallard.lmtp.delivery.MessageDelivery;
import io.mallard.model.address.AddressResolver;

/**
 * Every LMTP command with the phases it is valid in, as one list. The dispatcher answers a
 * command outside its phases with {@code 503 5.5.1} (RFC 5321 §4.1.4) and never calls its handler.
 */
public final class CommandRegistry {

    private record Entry<C extends LmtpCommand>(Set<Phase> phases, CommandHandler<C> handler) {
    }

    private final Map<Class<?>, Entry<?>> entries = new HashMap<>();

    public CommandRegistry(AddressResolver resolver, MessageDelivery delivery, DeliveryMetrics metrics, Clock clock) {
        ContentDelivery content = new ContentDelivery(delivery, metrics, clock);
        add(LmtpCommand.Lhlo.class, Phase.ANY, new LhloHandler());
        add(LmtpCommand.SmtpGreeting.class, Phase.ANY,
                (command, conversation) -> conversation.reply(500, "5.5.1", command.verb() + " is not LMTP, use LHLO"));
        add(LmtpCommand.MailFrom.class, Set.of(Phase.READY), new MailHandler());
        add(LmtpCommand.RcptTo.class, Set.of(Phase.TRANSACTION), new RcptHandler(resolver));
        add(LmtpCommand.Data.class, Set.of(Phase.TRANSACTION), new DataHandler(content));
        // Any phase: its octets must be consumed even when it is refused, see BdatHandler.
        add(LmtpCommand.Bdat.class, Phase.ANY, new BdatHandler(content));
        add(LmtpCommand.Rset.class, Phase.ANY, (command, conversation) -> {
            conversation.reset();
            conversation.reply(250, "2.0.0", "OK");
        });
        add(LmtpCommand.Noop.class, Phase.ANY, (command, conversation) -> conversation.reply(250, "2.0.0", "OK"));
        add(LmtpCommand.Vrfy.class, Phase.ANY, (command, conversation) ->
                conversation.reply(252, "2.5.0", "Cannot VRFY user, but will accept message and attempt delivery"));
        add(LmtpCommand.Quit.class, Phase.ANY, (command, conversation) -> conversation.context()
                .close("221 2.0.0 " + conversation.settings().hostName() + " closing connection"));
        add(LmtpCommand.StartTls.class, Phase.OUTSIDE_TRANSACTION, new StartTlsHandler());
        add(LmtpCommand.Unknown.class, Phase.ANY,
                (command, conversation) -> conversation.reply(500, "5.5.1", "Command unrecognized"));
    }

    private <C extends LmtpCommand> void add(Class<C> type, Set<Phase> phases, CommandHandler<C> handler) {
        entries.put(type, new Entry<>(phases, handler));
    }

    /** Runs the command's handler if its phase allows it, or answers 503. */
    public void dispatch(LmtpCommand command, Conversation conversation) {
        run(entries.get(command.getClass()), command, conversation);
    }

    @SuppressWarnings("unchecked")
    private static <C extends LmtpCommand> void run(Entry<C> entry, LmtpCommand command, Conversation conversation) {
        if (!entry.phases().contains(conversation.phase())) {
            conversation.reply(503, "5.5.1", conversation.phase() == Phase.GREETED
                    ? "Send LHLO first" : "Bad sequence of commands");
            return;
        }
        entry.handler().handle((C) command, conversation);
    }
}
