package io.mallard.pop3.command;

import java.nio.ByteBuffer;
import java.util.Set;

import io.mallard.pop3.codec.DotStuffer;
import io.mallard.pop3.codec.Pop3Request;
import io.mallard.pop3.maildrop.MaildropEntry;
import io.mallard.pop3.metrics.Pop3Metrics;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * RETR and TOP (RFC 1939 §5 and §7): the original bytes as stored, read ahead by the maildrop,
 * go out dot-stuffed and streamed. RETR marks the message for \Seen at QUIT; TOP only peeks. TOP
 * needs no parse: the stuffer counts lines as the bytes go by and the rest of the content is never
 * sent. A message IMAP removed after login is reported gone, not an error of the session.
 */
final class RetrieveHandler implements CommandHandler {

    private final Pop3Metrics metrics;
    private final boolean top;

    private RetrieveHandler(Pop3Metrics metrics, boolean top) {
        this.metrics = metrics;
        this.top = top;
    }

    static RetrieveHandler retr(Pop3Metrics metrics) {
        return new RetrieveHandler(metrics, false);
    }

    static RetrieveHandler top(Pop3Metrics metrics) {
        return new RetrieveHandler(metrics, true);
    }

    @Override
    public Set<Pop3State> states() {
        return Answers.TRANSACTION;
    }

    @Override
    public Mono<Void> handle(Pop3Request request, Pop3Conversation conversation) {
        int number = request.number(0);
        MaildropEntry entry = conversation.maildrop().get(number).orElse(null);
        if (entry == null) {
            return Answers.reply(conversation, Answers.NO_SUCH_MESSAGE);
        }
        return conversation.maildrop().content(number, !top)
                .flatMap(bytes -> send(entry, bytes, number, request, conversation).thenReturn(true))
                .switchIfEmpty(Mono.defer(() -> Answers.reply(conversation,
                        "-ERR Message " + number + " was removed by another session").thenReturn(true)))
                .then();
    }

    private Mono<Void> send(MaildropEntry entry, Flux<ByteBuffer> bytes, int number, Pop3Request request,
            Pop3Conversation conversation) {
        if (!top) {
            conversation.maildrop().retrieve(number);
        }
        String status = top ? "+OK Top of message follows" : "+OK " + entry.size() + " octets";
        DotStuffer stuffer = top ? DotStuffer.top(request.number(1)) : DotStuffer.whole();
        return StreamedResponse.send(conversation.context(), status, bytes, stuffer, metrics::sent);
    }
}
