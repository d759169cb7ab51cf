package io.mallard.pop3.command;

import java.util.Set;

import io.mallard.model.mail.MessageContent;
import io.mallard.model.message.Message;
import io.mallard.pop3.codec.DotStuffer;
import io.mallard.pop3.codec.Pop3Request;
import io.mallard.pop3.metrics.Pop3Metrics;
import reactor.core.publisher.Mono;

/**
 * RETR and TOP (RFC 1939 §5 and §7): the original bytes as stored, dot-stuffed and streamed. RETR
 * marks the message for \Seen at QUIT; TOP only peeks. TOP needs no parse: the stuffer counts
 * lines as the bytes go by and the rest of the content is never read.
 */
final class RetrieveHandler implements CommandHandler {

    private final MessageContent content;
    private final Pop3Metrics metrics;
    private final boolean top;

    private RetrieveHandler(MessageContent content, Pop3Metrics metrics, boolean top) {
        this.content = content;
        this.metrics = metrics;
        this.top = top;
    }

    static RetrieveHandler retr(MessageContent content, Pop3Metrics metrics) {
        return new RetrieveHandler(content, metrics, false);
    }

    static RetrieveHandler top(MessageContent content, Pop3Metrics metrics) {
        return new RetrieveHandler(content, metrics, true);
    }

    @Override
    public Set<Pop3State> states() {
        return Answers.TRANSACTION;
    }

    @Override
    public Mono<Void> handle(Pop3Request request, Pop3Conversation conversation) {
        int number = request.number(0);
        Message message = conversation.maildrop().get(number).orElse(null);
        if (message == null) {
            return Answers.reply(conversation, Answers.NO_SUCH_MESSAGE);
        }
        if (!top) {
            conversation.maildrop().retrieve(number);
        }
        String status = top ? "+OK Top of message follows" : "+OK " + message.size() + " octets";
        DotStuffer stuffer = top ? DotStuffer.top(request.number(1)) : DotStuffer.whole();
        return StreamedResponse.send(conversation.context(), status, content.raw(message), stuffer, metrics::sent);
    }
}
