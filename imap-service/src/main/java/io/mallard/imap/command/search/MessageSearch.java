package io.mallard.imap.command.search;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import io.mallard.imap.codec.SearchKey;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SelectedMailbox;
import io.mallard.model.ingest.ParsedParts;
import io.mallard.model.mail.MessageContent;
import io.mallard.model.message.Message;
import io.mallard.model.message.MessageFields;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs search criteria over the selected mailbox for SEARCH, SORT and THREAD: the store selects by
 * what {@link SearchPushdown} gives it, the cursor streams the candidates in batches, and
 * {@link SearchMatcher} decides the rest one message at a time, so memory does not grow with the
 * mailbox. Only messages the session knows take part (RFC 9051 §6.4.4 searches what the client
 * has been told of).
 */
public final class MessageSearch {

    private MessageSearch() {
    }

    /**
     * The matching messages, in UID order, with at least {@code kept} of each read (SEARCH needs no
     * more than UID and MODSEQ, SORT and THREAD the parsed headers: {@link MessageFields#UIDS} or
     * {@link MessageFields#PARSED}); their searchable text is not kept.
     */
    public static Flux<Message> matching(ImapConnection connection, SearchKey key, MessageFields kept) {
        SelectedMailbox selected = connection.selected();
        Instant now = Instant.now();
        SearchPushdown.Pushed pushed = new SearchPushdown(selected, now).of(key);
        boolean needsText = key.any(k -> k instanceof SearchKey.Text);
        boolean needsHeaders = key.any(k -> k instanceof SearchKey.Header header && !header.addressOrSubject()
                || k instanceof SearchKey.Text text && text.includeHeaders());
        MessageContent content = connection.services().content();
        // Decided by the store alone, a match needs no more than the caller keeps. The stored bytes
        // are read only for the header block.
        MessageFields fields = pushed.exact() ? kept : needsText ? MessageFields.ALL
                : needsHeaders ? MessageFields.ALL_BUT_TEXT : kept == MessageFields.PARSED ? kept
                : MessageFields.withParsed(parsedFieldsMatched(key), false);
        Flux<Message> known = connection.services().storage().listing()
                .searchUpTo(selected.lastUid(), selected.id(), 1, selected.lastUid(), pushed.criteria(), fields)
                .filter(message -> selected.sequenceOf(message.uid()) > 0);
        if (pushed.exact()) {
            return known;
        }
        SearchMatcher matcher = new SearchMatcher(selected, now);
        return known.concatMap(message -> (needsHeaders ? headers(content, message) : Mono.just(new HeaderFields(new byte[0])))
                .filter(headers -> matcher.matches(key, new Candidate(message, content, headers)))
                .map(headers -> message));
    }

    /**
     * The parsed fields {@link SearchMatcher} reads for keys that need neither the text nor the
     * header block: the addresses asked for, and the Date header with the envelope (whose date
     * string gives the sender's zone) for SENT*. SUBJECT, sizes, flags and internal dates are the
     * message's own fields. The rest of the parsed content (body structure, envelope, MIME tree,
     * attachments: most of a document's weight) stays in the store; a SEARCH FROM over 200
     * messages read all of it for each.
     */
    private static List<String> parsedFieldsMatched(SearchKey key) {
        Set<String> fields = new TreeSet<>();
        key.any(k -> {
            if (k instanceof SearchKey.Header header && !header.field().equals("SUBJECT")) {
                fields.add(header.field().toLowerCase(Locale.ROOT));
            } else if (k instanceof SearchKey.Date date && date.sent()) {
                fields.addAll(List.of("date", ParsedParts.ENVELOPE));
            }
            return false;
        });
        return List.copyOf(fields);
    }

    /** Header search reads at most this much of a header block; real ones are a few kilobytes. */
    static final long MAX_HEADER_BLOCK = 256 * 1024;

    /** The top-level header block, read from the stored bytes up to where the body starts. */
    private static Mono<HeaderFields> headers(MessageContent content, Message message) {
        long end = Math.min(content.parsed(message).mimeTree().bodyStart(), MAX_HEADER_BLOCK);
        return content.bytes(message, 0, end).map(HeaderFields::new);
    }
}
