package io.mallard.pop3.command;

import java.util.EnumMap;
import java.util.Map;

import io.mallard.pop3.auth.Login;
import io.mallard.pop3.codec.Verb;
import io.mallard.pop3.maildrop.MaildropUpdate;
import io.mallard.pop3.metrics.Pop3Metrics;
import io.mallard.protocol.sasl.SaslMechanisms;

/** Every POP3 command and its handler: the one list to read to know what the server speaks. */
public final class Pop3Commands {

    private final Map<Verb, CommandHandler> handlers = new EnumMap<>(Verb.class);

    public Pop3Commands(Login login, SaslMechanisms mechanisms, MaildropUpdate update, Pop3Metrics metrics,
            String hostName) {
        handlers.put(Verb.CAPA, new CapaHandler(mechanisms.names()));
        handlers.put(Verb.STLS, new StlsHandler());
        handlers.put(Verb.USER, new UserHandler());
        handlers.put(Verb.PASS, new PassHandler(login));
        handlers.put(Verb.AUTH, new AuthHandler(mechanisms, login));
        handlers.put(Verb.STAT, new StatHandler());
        handlers.put(Verb.LIST, ScanListingHandler.list());
        handlers.put(Verb.UIDL, ScanListingHandler.uidl());
        handlers.put(Verb.RETR, RetrieveHandler.retr(metrics));
        handlers.put(Verb.TOP, RetrieveHandler.top(metrics));
        handlers.put(Verb.DELE, new DeleHandler());
        handlers.put(Verb.NOOP, new NoopHandler());
        handlers.put(Verb.RSET, new RsetHandler());
        handlers.put(Verb.QUIT, new QuitHandler(update, hostName));
    }

    public CommandHandler handler(Verb verb) {
        return handlers.get(verb);
    }
}
