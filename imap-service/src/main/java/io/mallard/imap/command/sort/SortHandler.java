package io.mallard.imap.command.sort;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.codec.ReturnOption;
import io.mallard.imap.codec.SearchKey;
import io.mallard.imap.command.CommandHandler;
import io.mallard.imap.command.search.MessageSearch;
import io.mallard.imap.command.search.SearchHandler;
import io.mallard.imap.command.search.SearchResponses;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SelectedMailbox;
import io.mallard.imap.session.SessionState;
import io.mallard.model.mail.MessageContent;
import io.mallard.model.message.MessageFields;
import reactor.core.publisher.Mono;

/**
 * RFC 5256 §3 SORT and UID SORT, with RFC 5957 DISPLAYFROM/DISPLAYTO: the search runs as for
 * SEARCH, each match is reduced to its sort values as it streams by, and the small entries are
 * sorted at the end. Answers {@code * SORT} with sequence numbers or UIDs, or with RFC 5267 §3 ESORT's
 * {@code RETURN (MIN MAX COUNT ALL)} an ESEARCH whose MIN and MAX are the first and last in sort
 * order and whose ALL keeps that order.
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
        return List.of("SORT", "SORT=DISPLAY", "ESORT");
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.Sort sort = (ImapRequest.Sort) request;
        if (!sort.program().charsetSupported()) {
            return SearchHandler.badCharset(connection, sort.tag());
        }
        if (sort.returns().contains(ReturnOption.SAVE)) {
            // RFC 5267 defines MIN, MAX, COUNT and ALL for SORT; SAVE (RFC 5182) is SEARCH's.
            return connection.bad(sort.tag(), "SORT takes no RETURN (SAVE)");
        }
        SelectedMailbox selected = connection.selected();
        MessageContent content = connection.services().content();
        boolean byModseq = sort.program().key().any(key -> key instanceof SearchKey.Modseq);
        AtomicLong highest = new AtomicLong();
        return MessageSearch.matching(connection, sort.program().key(), MessageFields.PARSED)
                .doOnNext(message -> highest.accumulateAndGet(message.modseq(), Math::max))
                .map(message -> SortEntry.of(message, content.parsed(message), selected.sequenceOf(message.uid()),
                        sort.criteria()))
                .collectSortedList(SortEntry.order(sort.criteria()))
                .flatMap(sorted -> {
                    List<Long> numbers = sorted.stream()
                            .map(entry -> sort.uid() ? entry.uid() : (long) entry.sequence()).toList();
                    // RFC 7162 §3.1.9: with a MODSEQ key, a non-empty SORT tells the highest MODSEQ as SEARCH does.
                    long modseq = byModseq && !sorted.isEmpty() ? highest.get() : 0;
                    connection.send(sort.returns().isEmpty() ? SearchResponses.numbers("SORT", numbers, modseq)
                            : SearchResponses.esearch(sort.tag(), sort.uid(), sort.returns(), numbers, modseq));
                    return connection.ok(sort.tag(), null, sort.name() + " completed");
                });
    }
}
