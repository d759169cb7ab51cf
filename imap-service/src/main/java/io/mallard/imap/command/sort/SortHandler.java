package io.mallard.imap.command.sort;

import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.command.CommandHandler;
import io.mallard.imap.command.search.MessageSearch;
import io.mallard.imap.command.search.SearchHandler;
import io.mallard.imap.command.search.SearchResponses;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SelectedMailbox;
import io.mallard.imap.session.SessionState;
import io.mallard.model.mail.MessageContent;
import reactor.core.publisher.Mono;

/**
 * RFC 5256 §3 SORT and UID SORT, with RFC 5957 DISPLAYFROM/DISPLAYTO: the search runs as for
 * SEARCH, each match is reduced to its sort values as it streams by, and the small entries are
 * sorted at the end. Answers {@code * SORT} with sequence numbers or UIDs.
 */
public final class SortHandler implements CommandHandler {

    @Override
    public List<String> names() {
        return List.of("SORT", "UID SORT");
    }

    @Override
    public Set<SessionState> states() {
        return SELECTED;
    }

    @Override
    public List<String> capabilities() {
        return List.of("SORT", "SORT=DISPLAY");
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.Sort sort = (ImapRequest.Sort) request;
        if (!sort.program().charsetSupported()) {
            return SearchHandler.badCharset(connection, sort.tag());
        }
        SelectedMailbox selected = connection.selected();
        MessageContent content = connection.services().content();
        return MessageSearch.matching(connection, sort.program().key())
                .map(message -> SortEntry.of(message, content.parsed(message), selected.sequenceOf(message.uid()),
                        sort.criteria()))
                .collectSortedList(SortEntry.order(sort.criteria()))
                .flatMap(sorted -> {
                    connection.send(SearchResponses.numbers("SORT", sorted.stream()
                            .map(entry -> sort.uid() ? entry.uid() : (long) entry.sequence()).toList()));
                    return connection.ok(sort.tag(), null, sort.name() + " completed");
                });
    }
}
