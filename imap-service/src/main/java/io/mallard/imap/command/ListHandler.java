package io.mallard.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.codec.Response;
import io.mallard.imap.codec.Value;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import io.mallard.model.mailbox.Mailbox;
import reactor.core.publisher.Mono;

/**
 * RFC 3501 §6.3.8 LIST and §6.3.9 LSUB, with RFC 6154 SPECIAL-USE attributes and RFC 3348
 * CHILDREN attributes. Wildcards: {@code *} matches across levels, {@code %} within one.
 */
final class ListHandler implements CommandHandler {

    @Override
    public List<String> names() {
        return List.of("LIST", "LSUB");
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.ListMailboxes list = (ImapRequest.ListMailboxes) request;
        boolean lsub = list.name().equals("LSUB");
        if (list.pattern().isEmpty()) {
            // RFC 3501 §6.3.8: an empty name asks for the hierarchy delimiter.
            connection.send(Response.Data.of(Value.atom(list.name()), Value.atoms(List.of("\\Noselect")),
                    Value.string(Mailbox.DELIMITER), Value.string("")));
            return connection.ok(list.tag(), null, list.name() + " completed");
        }
        Pattern pattern = pattern(list.reference() + list.pattern());
        return connection.services().storage().mailboxes().list(connection.user())
                .filter(mailbox -> !mailbox.hidden())
                .collectList()
                .flatMap(mailboxes -> {
                    for (Mailbox mailbox : mailboxes) {
                        if ((lsub && !mailbox.subscribed()) || !pattern.matcher(mailbox.path()).matches()) {
                            continue;
                        }
                        connection.send(Response.Data.of(Value.atom(list.name()), Value.atoms(attributes(mailbox, mailboxes,
                                lsub)), Value.string(Mailbox.DELIMITER), Value.mailbox(mailbox.path())));
                    }
                    return connection.ok(list.tag(), null, list.name() + " completed");
                });
    }

    private static List<String> attributes(Mailbox mailbox, List<Mailbox> all, boolean lsub) {
        List<String> attributes = new ArrayList<>();
        if (!lsub) {
            String prefix = mailbox.path() + Mailbox.DELIMITER;
            attributes.add(all.stream().anyMatch(other -> other.path().startsWith(prefix))
                    ? "\\HasChildren" : "\\HasNoChildren");
        }
        if (mailbox.specialUse() != null) {
            attributes.add(mailbox.specialUse());
        }
        return attributes;
    }

    /** INBOX matches case-insensitively (RFC 3501 §5.1); everything else exactly. */
    static Pattern pattern(String wildcard) {
        StringBuilder regex = new StringBuilder();
        for (char c : wildcard.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '%' -> regex.append("[^").append(Mailbox.DELIMITER).append("]*");
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        String text = regex.toString();
        return wildcard.regionMatches(true, 0, Mailbox.INBOX, 0, Math.min(5, wildcard.length()))
                ? Pattern.compile(text, Pattern.CASE_INSENSITIVE) : Pattern.compile(text);
    }
}
