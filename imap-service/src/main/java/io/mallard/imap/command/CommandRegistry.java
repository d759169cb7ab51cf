package io.mallard.imap.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mallard.imap.command.fetch.FetchHandler;
import io.mallard.imap.command.search.SearchHandler;

/** Every IMAP command the server knows, as a list; CAPABILITY is derived from it. */
public final class CommandRegistry {

    private final List<CommandHandler> handlers;
    private final Map<String, CommandHandler> byName = new HashMap<>();

    public CommandRegistry() {
        Capabilities capabilities = new Capabilities(this);
        Authenticator authenticator = new Authenticator(capabilities);
        handlers = List.of(
                new CapabilityHandler(capabilities),
                new NoopHandler(),
                new LogoutHandler(),
                new StartTlsHandler(),
                new LoginHandler(authenticator),
                new AuthenticateHandler(authenticator),
                new EnableHandler(),
                new IdHandler(),
                new CompressHandler(),
                new NamespaceHandler(),
                new ListHandler(),
                new CreateHandler(),
                new DeleteHandler(),
                new RenameHandler(),
                new SubscribeHandler(),
                new StatusHandler(),
                new GetQuotaHandler(),
                new GetQuotaRootHandler(),
                new SetQuotaHandler(),
                new SelectHandler(),
                new AppendHandler(),
                new FetchHandler(),
                new StoreHandler(),
                new CopyHandler(),
                new MoveHandler(),
                new ExpungeHandler(),
                new CloseHandler(),
                new SearchHandler(),
                new IdleHandler());
        for (CommandHandler handler : handlers) {
            handler.names().forEach(name -> byName.put(name, handler));
        }
    }

    /** The handler for a command name (upper case, "UID FETCH" style), or {@code null}. */
    public CommandHandler find(String name) {
        return byName.get(name);
    }

    /** Capabilities the commands add, in registry order. */
    List<String> commandCapabilities() {
        List<String> result = new ArrayList<>();
        for (CommandHandler handler : handlers) {
            for (String capability : handler.capabilities()) {
                if (!result.contains(capability)) {
                    result.add(capability);
                }
            }
        }
        return result;
    }
}
