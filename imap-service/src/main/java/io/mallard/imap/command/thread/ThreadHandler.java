package io.mallard.imap.command.thread;

import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.codec.Response;
import io.mallard.imap.codec.Value;
import io.mallard.imap.command.CommandHandler;
import io.mallard.imap.command.search.MessageSearch;
import io.mallard.imap.command.search.SearchHandler;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SelectedMailbox;
import io.mallard.imap.session.SessionState;
import io.mallard.model.mail.MessageContent;
import io.mallard.model.message.MessageFields;
import reactor.core.publisher.Mono;

/**
 * RFC 5256 §3 THREAD and UID THREAD with the ORDEREDSUBJECT and REFERENCES algorithms over the
 * messages the search criteria select; each match is reduced to its threading data as it streams
 * by. Answers {@code * THREAD} with sequence numbers or UIDs.
 */
public final class ThreadHandler implements CommandHandler {

    @Override
    public List<String> names() {
        return List.of("THREAD", "UID THREAD");
    }

    @Override
    public Set<SessionState> states() {
        return SELECTED;
    }

    @Override
    public List<String> capabilities() {
        return List.of("THREAD=ORDEREDSUBJECT", "THREAD=REFERENCES");
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.Thread thread = (ImapRequest.Thread) request;
        if (!thread.program().charsetSupported()) {
            return SearchHandler.badCharset(connection, thread.tag());
        }
        SelectedMailbox selected = connection.selected();
        MessageContent content = connection.services().content();
        return MessageSearch.matching(connection, thread.program().key(), MessageFields.PARSED)
                .map(message -> {
                    int sequence = selected.sequenceOf(message.uid());
                    return ThreadMessage.of(message, content.parsed(message), thread.uid() ? message.uid() : sequence,
                            sequence);
                })
                .collectList()
                .flatMap(messages -> {
                    List<ThreadNode> threads = thread.algorithm() == ImapRequest.ThreadAlgorithm.REFERENCES
                            ? ReferencesThreading.thread(messages) : OrderedSubjectThreading.thread(messages);
                    String list = ThreadNode.format(threads);
                    connection.send(list.isEmpty() ? Response.Data.of(Value.atom("THREAD"))
                            : Response.Data.of(Value.atom("THREAD"), new Value.Raw(list)));
                    return connection.ok(thread.tag(), null, thread.name() + " completed");
                });
    }
}
