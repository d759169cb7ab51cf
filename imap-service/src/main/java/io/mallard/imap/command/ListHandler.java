package io.mallard.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.codec.Response;
import io.mallard.imap.codec.Value;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import io.mallard.model.mailbox.Mailbox;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * RFC 3501 §6.3.8 LIST and §6.3.9 LSUB, with RFC 5258 LIST-EXTENDED (selection options SUBSCRIBED,
 * REMOTE, RECURSIVEMATCH, SPECIAL-USE; several patterns; return options SUBSCRIBED, CHILDREN,
 * SPECIAL-USE; CHILDINFO), RFC 5819 LIST-STATUS, RFC 6154 SPECIAL-USE and RFC 3348 CHILDREN
 * attributes. Wildcards: {@code *} matches across levels, {@code %} within one. Children and
 * special-use attributes are always returned, which RFC 5258 §4 and RFC 6154 §2 allow.
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
    public List<String> capabilities() {
        return List.of("LIST-EXTENDED", "LIST-STATUS");
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.ListMailboxes list = (ImapRequest.ListMailboxes) request;
        StatusItems.check(list.statusItems(), connection);
        if (list.patterns().stream().allMatch(String::isEmpty)) {
            // RFC 3501 §6.3.8: an empty name asks for the hierarchy delimiter.
            connection.send(Response.Data.of(Value.atom(list.name()), Value.atoms(List.of("\\Noselect")),
                    Value.string(Mailbox.DELIMITER), Value.string("")));
            return connection.ok(list.tag(), null, list.name() + " completed");
        }
        List<Pattern> patterns = list.patterns().stream().filter(p -> !p.isEmpty())
                .map(p -> pattern(list.reference() + p)).toList();
        Predicate<String> named = path -> patterns.stream().anyMatch(p -> p.matcher(path).matches());
        Predicate<Mailbox> selected = selection(list);
        return connection.services().storage().mailboxes().list(connection.user())
                .filter(mailbox -> !mailbox.hidden())
                .collectList()
                .flatMapMany(mailboxes -> {
                    MailboxTree tree = new MailboxTree(mailboxes);
                    return Flux.fromIterable(tree.nodes())
                            .filter(node -> named.test(node.path()))
                            .concatMap(node -> answer(connection, list, tree, node, named, selected));
                })
                .then(Mono.defer(() -> connection.ok(list.tag(), null, list.name() + " completed")));
    }

    /** The LIST line of one name, if it is to be listed, then its STATUS when RETURN (STATUS) asked. */
    private static Mono<Void> answer(ImapConnection connection, ImapRequest.ListMailboxes list, MailboxTree tree,
            MailboxTree.Node node, Predicate<String> named, Predicate<Mailbox> selected) {
        boolean lsub = list.name().equals("LSUB");
        List<Mailbox> below = tree.descendants(node);
        boolean matches = node.exists() && selected.test(node.mailbox());
        // RFC 5258 §3: RECURSIVEMATCH lists a parent of a match, telling which option matched below.
        boolean childMatches = list.selection().contains("RECURSIVEMATCH") && below.stream().anyMatch(selected);
        // RFC 3501 §6.3.8: a level the pattern reaches but that exists only as part of deeper names.
        boolean impliedLevel = !lsub && !node.exists() && list.selection().isEmpty()
                && below.stream().anyMatch(mailbox -> !named.test(mailbox.path()));
        if (!matches && !childMatches && !impliedLevel) {
            return Mono.empty();
        }
        List<Value> values = new ArrayList<>(List.of(Value.atom(list.name()),
                Value.atoms(attributes(list, node, !below.isEmpty(), connection.rev2())), Value.string(Mailbox.DELIMITER),
                Value.mailbox(node.path())));
        if (childMatches) {
            values.add(Value.list(List.of(Value.string("CHILDINFO"), Value.list(list.selection().stream()
                    .filter(option -> !option.equals("RECURSIVEMATCH") && !option.equals("REMOTE"))
                    .map(Value::string).toList()))));
        }
        connection.send(new Response.Data(values));
        if (!matches || list.statusItems().isEmpty()) {
            return Mono.empty();
        }
        // RFC 5819 §2: a mailbox whose status cannot be read is listed without it.
        return StatusItems.read(connection, node.mailbox(), list.statusItems())
                .doOnNext(connection::send)
                .onErrorResume(error -> Mono.empty())
                .then();
    }

    /** What the selection options ask of an existing mailbox; several combine with AND. */
    private static Predicate<Mailbox> selection(ImapRequest.ListMailboxes list) {
        Predicate<Mailbox> selected = mailbox -> true;
        if (list.name().equals("LSUB") || list.selection().contains("SUBSCRIBED")) {
            selected = selected.and(Mailbox::subscribed);
        }
        if (list.selection().contains("SPECIAL-USE")) {
            selected = selected.and(mailbox -> mailbox.specialUse() != null);
        }
        return selected;
    }

    private static List<String> attributes(ImapRequest.ListMailboxes list, MailboxTree.Node node, boolean children,
            boolean rev2) {
        List<String> attributes = new ArrayList<>();
        if (!node.exists()) {
            // RFC 9051 §7.3.1: rev2's LIST is the extended one, where such a level is \NonExistent
            // (which implies \Noselect).
            attributes.add(list.extended() || rev2 ? "\\NonExistent" : "\\Noselect");
        }
        if (!list.name().equals("LSUB")) {
            attributes.add(children ? "\\HasChildren" : "\\HasNoChildren");
        }
        if (node.exists() && list.returns().contains("SUBSCRIBED") && node.mailbox().subscribed()) {
            attributes.add("\\Subscribed");
        }
        if (node.exists() && node.mailbox().specialUse() != null) {
            attributes.add(node.mailbox().specialUse());
        }
        return attributes;
    }

    /** INBOX matches case-insensitively (RFC 3501 §5.1); everything else exactly. */
    private static Pattern pattern(String wildcard) {
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
