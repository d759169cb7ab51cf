package io.mallard.imap.command.fetch;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.FetchAttribute;
import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.codec.Response;
import io.mallard.imap.codec.Value;
import io.mallard.imap.command.CommandHandler;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.Resync;
import io.mallard.imap.session.SelectedMailbox;
import io.mallard.imap.session.SessionState;
import io.mallard.model.message.FlagOperation;
import io.mallard.model.message.Message;
import io.mallard.model.message.MessageStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * RFC 3501 §6.4.5 FETCH and §6.4.8 UID FETCH, with RFC 7162 MODSEQ (§3.1.4.2), CHANGEDSINCE (§3.1.4.1)
 * and VANISHED (§3.2.6). Messages are read in one UID-ordered range query and answered one by one;
 * a non-PEEK body section on a read-write mailbox sets \Seen first, and the new FLAGS go into the
 * same response (§6.4.5), with UID and MODSEQ once CONDSTORE is enabled (RFC 7162 §3.2.4). RFC 3516
 * BINARY items decode the part first.
 */
public final class FetchHandler implements CommandHandler {

    /** Messages checked for completeness together: a FETCH streams, so it holds no more than these. */
    private static final int COMPLETED_TOGETHER = 64;

    @Override
    public List<String> names() {
        return List.of("FETCH", "UID FETCH");
    }

    @Override
    public Set<SessionState> states() {
        return SELECTED;
    }

    @Override
    public String capability() {
        return "BINARY";
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.Fetch fetch = (ImapRequest.Fetch) request;
        SelectedMailbox selected = connection.selected();
        if (fetch.vanished() && !connection.qresync()) {
            return connection.bad(fetch.tag(), "VANISHED needs ENABLE QRESYNC");
        }
        if (!fetch.uid() && !selected.validSequences(fetch.set())) {
            return connection.bad(fetch.tag(), "Invalid message sequence number");
        }
        if (fetch.changedSince() >= 0 || fetch.attributes().contains(FetchAttribute.Simple.MODSEQ)) {
            connection.enableCondstore();
        }
        Mono<Void> vanished = fetch.vanished()
                ? new Resync(connection, selected).vanishedEarlier(fetch.set(), fetch.changedSince(), 0)
                : Mono.empty();
        List<Long> uids = selected.resolve(fetch.set(), fetch.uid());
        if (uids.isEmpty()) {
            return vanished.then(connection.ok(fetch.tag(), null, fetch.name() + " completed"));
        }
        Set<Long> wanted = new HashSet<>(uids);
        boolean marksSeen = !selected.readOnly() && fetch.attributes().stream()
                .anyMatch(a -> a instanceof FetchAttribute.Section section && !section.peek()
                        || a instanceof FetchAttribute.Binary binary && !binary.peek() && !binary.sizeOnly());
        FetchResponder responder = new FetchResponder(connection.services().content(), fetch.attributes(), fetch.uid(),
                fetch.changedSince() >= 0, connection.condstore());
        // Every UID asked for is one the session was told of, at or below the watermark it read then.
        return vanished.thenMany(connection.services().storage().listing().rangeUpTo(selected.lastUid(), selected.id(),
                        uids.get(0), uids.get(uids.size() - 1), responder.fields()))
                .filter(message -> wanted.contains(message.uid()) && message.modseq() > fetch.changedSince())
                .buffer(COMPLETED_TOGETHER)
                .concatMap(batch -> completed(connection, selected, responder, batch))
                .concatMap(message -> (marksSeen ? markSeen(connection, message) : Mono.just(message))
                        .flatMap(current -> responder.items(current, marksSeen && !message.flags().contains(Message.SEEN)))
                        .doOnNext(items -> send(connection, selected, items)), 4)
                .then(connection.ok(fetch.tag(), null, fetch.name() + " completed"))
                .onErrorResume(BinaryReader.UnknownTransferEncoding.class,
                        unknown -> connection.no(fetch.tag(), "UNKNOWN-CTE", unknown.getMessage()));
    }

    /**
     * {@code batch} with each message that lacks what {@code responder} needs read again whole,
     * those of the batch in one query: a message stored before header blocks and rendered
     * envelopes were kept costs one query more per batch, not one per message, and gets them
     * kept, so only its first such FETCH pays.
     */
    private static Flux<Message> completed(ImapConnection connection, SelectedMailbox selected, FetchResponder responder,
            List<Message> batch) {
        Set<Long> again = new HashSet<>();
        batch.stream().filter(message -> !responder.complete(message)).forEach(message -> again.add(message.uid()));
        if (again.isEmpty()) {
            return Flux.fromIterable(batch);
        }
        MessageStore messages = connection.services().storage().messages();
        return connection.services().storage().listing().rangeUpTo(selected.lastUid(), selected.id(),
                        Collections.min(again), Collections.max(again), responder.fullFields())
                .filter(message -> again.contains(message.uid()))
                .concatMap(message -> responder.derived(message)
                        .flatMap(fields -> messages.keepParsed(message.id(), fields)).thenReturn(message))
                .collectMap(Message::uid)
                .flatMapMany(whole -> Flux.fromIterable(batch).map(message -> whole.getOrDefault(message.uid(), message)));
    }

    private static void send(ImapConnection connection, SelectedMailbox selected, FetchResponder.Items items) {
        int sequence = selected.sequenceOf(items.uid());
        if (sequence > 0) {
            if (items.hasFlags()) {
                selected.flagsReported(items.uid(), items.modseq());
            }
            if (items.hasModseq()) {
                selected.modseqSent(items.modseq());
            }
            connection.send(Response.Data.of(Value.atom(sequence), Value.atom("FETCH"), Value.list(items.values())));
        }
    }

    private static Mono<Message> markSeen(ImapConnection connection, Message message) {
        if (message.flags().contains(Message.SEEN)) {
            return Mono.just(message);
        }
        return connection.services().storage().flags()
                .update(message.mailbox(), List.of(message.uid()), FlagOperation.ADD, List.of(Message.SEEN), -1)
                .next()
                .map(updated -> updated.withContentOf(message))
                .defaultIfEmpty(message);
    }
}
