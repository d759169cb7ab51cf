package io.mallard.pop3.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.mallard.pop3.codec.Pop3Request;
import io.mallard.pop3.maildrop.Maildrop;
import io.mallard.pop3.maildrop.MaildropEntry;
import reactor.core.publisher.Mono;

/**
 * LIST and UIDL (RFC 1939 §5 and §7), which differ only in what follows the message number: the
 * size in octets, or the unique id. Mallard's unique id is the message document's id in hex, the
 * id the REST API reports, stable across sessions and within the 1–70 characters RFC 1939 allows.
 */
final class ScanListingHandler implements CommandHandler {

    private final Function<MaildropEntry, String> value;

    private ScanListingHandler(Function<MaildropEntry, String> value) {
        this.value = value;
    }

    static ScanListingHandler list() {
        return new ScanListingHandler(message -> Long.toString(message.size()));
    }

    static ScanListingHandler uidl() {
        return new ScanListingHandler(message -> message.id().toHexString());
    }

    @Override
    public Set<Pop3State> states() {
        return Answers.TRANSACTION;
    }

    @Override
    public Mono<Void> handle(Pop3Request request, Pop3Conversation conversation) {
        Maildrop maildrop = conversation.maildrop();
        if (request.has(0)) {
            int number = request.number(0);
            return Answers.reply(conversation, maildrop.get(number)
                    .map(message -> "+OK " + number + " " + value.apply(message))
                    .orElse(Answers.NO_SUCH_MESSAGE));
        }
        List<String> lines = new ArrayList<>(maildrop.count());
        for (int number = 1; number <= maildrop.size(); number++) {
            int current = number;
            maildrop.get(number).ifPresent(message -> lines.add(current + " " + value.apply(message)));
        }
        conversation.replyLines("+OK " + maildrop.count() + " messages (" + maildrop.octets() + " octets)", lines);
        return Mono.empty();
    }
}
