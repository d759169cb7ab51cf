package io.mallard.imap.command.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.codec.Response;
import io.mallard.imap.codec.SearchKey;
import io.mallard.imap.codec.Value;
import io.mallard.imap.command.CommandHandler;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SelectedMailbox;
import io.mallard.imap.session.SessionState;
import io.mallard.model.ingest.ParsedMessage;
import io.mallard.model.mail.MessageContent;
import io.mallard.model.message.Message;
import reactor.core.publisher.Mono;

/**
 * RFC 3501 §6.4.4 SEARCH and UID SEARCH over the messages the session knows: one range query,
 * matched in memory. Results are sequence numbers, or UIDs for UID SEARCH.
 */
public final class SearchHandler implements CommandHandler {

    @Override
    public List<String> names() {
        return List.of("SEARCH", "UID SEARCH");
    }

    @Override
    public Set<SessionState> states() {
        return SELECTED;
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.Search search = (ImapRequest.Search) request;
        SelectedMailbox selected = connection.selected();
        SearchMatcher matcher = new SearchMatcher(selected);
        MessageContent content = connection.services().content();
        boolean needsHeaders = needsHeaders(search.key());
        return connection.services().storage().listing().range(selected.id(), 1, selected.lastUid())
                .filter(message -> selected.sequenceOf(message.uid()) > 0)
                .concatMap(message -> (needsHeaders ? headers(content, message) : Mono.just(""))
                        .filter(headers -> matcher.matches(search.key(), message, parsedOnce(content, message), headers))
                        .map(headers -> message))
                .map(message -> search.uid() ? message.uid() : selected.sequenceOf(message.uid()))
                .collectList()
                .flatMap(found -> {
                    List<Value> values = new ArrayList<>(List.of(Value.atom("SEARCH")));
                    found.forEach(n -> values.add(Value.atom(n)));
                    connection.send(new Response.Data(values));
                    return connection.ok(search.tag(), null, search.name() + " completed");
                });
    }

    private static boolean needsHeaders(SearchKey key) {
        if (key instanceof SearchKey.Header header) {
            return !header.addressOrSubject();
        }
        if (key instanceof SearchKey.Not not) {
            return needsHeaders(not.key());
        }
        if (key instanceof SearchKey.Or or) {
            return needsHeaders(or.left()) || needsHeaders(or.right());
        }
        return key instanceof SearchKey.And and && and.keys().stream().anyMatch(SearchHandler::needsHeaders);
    }

    /** The top-level header block, read from the stored bytes up to where the body starts. */
    private static Mono<String> headers(MessageContent content, Message message) {
        long end = content.parsed(message).mimeTree().bodyStart();
        return content.raw(message, 0, end).map(buffer -> StandardCharsets.ISO_8859_1.decode(buffer.duplicate()).toString())
                .collect(Collectors.joining());
    }

    private static Supplier<ParsedMessage> parsedOnce(MessageContent content, Message message) {
        ParsedMessage[] parsed = new ParsedMessage[1];
        return () -> {
            if (parsed[0] == null) {
                parsed[0] = content.parsed(message);
            }
            return parsed[0];
        };
    }
}
