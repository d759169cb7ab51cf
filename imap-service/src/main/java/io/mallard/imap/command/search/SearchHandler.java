package io.mallard.imap.command.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.codec.ReturnOption;
import io.mallard.imap.codec.SearchKey;
import io.mallard.imap.codec.SearchProgram;
import io.mallard.imap.command.CommandHandler;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SelectedMailbox;
import io.mallard.imap.session.SessionState;
import io.mallard.model.message.Message;
import io.mallard.model.message.MessageFields;
import reactor.core.publisher.Mono;

/**
 * RFC 3501 §6.4.4 SEARCH and UID SEARCH through {@link MessageSearch}; with RETURN, the RFC 4731
 * ESEARCH answer, and SAVE for RFC 5182's {@code $}. Results are sequence numbers, or UIDs for
 * UID SEARCH; with an RFC 7162 MODSEQ key, followed by the highest MODSEQ of the matches. An
 * IMAP4rev2 session always gets ESEARCH (RFC 9051 §6.4.4: the SEARCH response is rev1's only).
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
    public List<String> capabilities() {
        return List.of("ESEARCH", "SEARCHRES", "WITHIN");
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.Search search = (ImapRequest.Search) request;
        SelectedMailbox selected = connection.selected();
        // RFC 9051 §6.4.4: IMAP4rev2 answers every SEARCH with ESEARCH, no RETURN meaning RETURN (ALL).
        Set<ReturnOption> options = connection.rev2() && search.returns().isEmpty() ? Set.of(ReturnOption.ALL)
                : search.returns();
        if (!search.program().charsetSupported()) {
            if (options.contains(ReturnOption.SAVE)) {
                // RFC 5182 §2.1: a failed SEARCH ... RETURN (SAVE) leaves $ empty.
                selected.save(List.of());
            }
            return badCharset(connection, search.tag());
        }
        if (connection.rev2() && search.program().recentKeys()) {
            return connection.bad(search.tag(), "NEW, OLD and RECENT are not IMAP4rev2 search keys");
        }
        boolean byModseq = search.program().key().any(key -> key instanceof SearchKey.Modseq);
        if (byModseq) {
            // RFC 7162 §3.1: a SEARCH with MODSEQ is a CONDSTORE enabling command.
            connection.enableCondstore();
        }
        AtomicLong highest = new AtomicLong();
        // Only the UIDs are kept, so a search over a large mailbox holds numbers, not documents.
        return MessageSearch.matching(connection, search.program().key(), MessageFields.UIDS)
                .doOnNext(message -> highest.accumulateAndGet(message.modseq(), Math::max))
                .map(Message::uid).collectList().flatMap(uids -> {
            if (options.contains(ReturnOption.SAVE)) {
                selected.save(saved(options, uids));
            }
            List<Long> numbers = search.uid() ? uids
                    : uids.stream().map(uid -> (long) selected.sequenceOf(uid)).toList();
            // RFC 7162 §3.1.6: with a MODSEQ key, a non-empty answer tells the highest MODSEQ of its messages.
            long modseq = byModseq && !uids.isEmpty() ? highest.get() : 0;
            if (options.isEmpty()) {
                connection.send(SearchResponses.numbers("SEARCH", numbers, modseq));
            } else if (!options.equals(Set.of(ReturnOption.SAVE))) {
                // RFC 5182 §2.4: SAVE alone answers with no ESEARCH at all.
                connection.send(SearchResponses.esearch(search.tag(), search.uid(), options, numbers, modseq));
            }
            return connection.ok(search.tag(), null, search.name() + " completed");
        });
    }

    /**
     * RFC 5182 §2.4: with MIN and/or MAX but neither ALL nor COUNT, {@code $} holds just those
     * messages; otherwise every match.
     */
    private static List<Long> saved(Set<ReturnOption> options, List<Long> uids) {
        if (uids.isEmpty() || options.contains(ReturnOption.ALL) || options.contains(ReturnOption.COUNT)
                || !(options.contains(ReturnOption.MIN) || options.contains(ReturnOption.MAX))) {
            return uids;
        }
        List<Long> ends = new ArrayList<>();
        if (options.contains(ReturnOption.MIN)) {
            ends.add(uids.get(0));
        }
        if (options.contains(ReturnOption.MAX)) {
            ends.add(uids.get(uids.size() - 1));
        }
        return ends;
    }

    /** RFC 9051 §6.4.4: an unknown charset is NO with the charsets that would work. */
    public static Mono<Void> badCharset(ImapConnection connection, String tag) {
        return connection.no(tag, "BADCHARSET (" + String.join(" ", SearchProgram.ADVERTISED_CHARSETS) + ")",
                "Unsupported charset");
    }
}
