package io.mallard.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import io.mallard.model.mailbox.Mailbox;

/**
 * A user's mailboxes as LIST sees them: every existing one, plus the levels of hierarchy their
 * names imply but that do not exist themselves ({@code Foo} for a lone {@code Foo/Bar}), which LIST
 * returns as {@code \Noselect} (RFC 3501 §6.3.8) or {@code \NonExistent} (RFC 5258 §3.4).
 */
final class MailboxTree {

    /** One name; {@code mailbox} is {@code null} for an implied level. */
    record Node(String path, Mailbox mailbox) {
        boolean exists() {
            return mailbox != null;
        }
    }

    private final TreeMap<String, Node> nodes = new TreeMap<>();

    MailboxTree(List<Mailbox> mailboxes) {
        for (Mailbox mailbox : mailboxes) {
            nodes.put(mailbox.path(), new Node(mailbox.path(), mailbox));
        }
        for (Mailbox mailbox : mailboxes) {
            String path = mailbox.path();
            for (int cut = path.lastIndexOf(Mailbox.DELIMITER); cut > 0; cut = path.lastIndexOf(Mailbox.DELIMITER, cut - 1)) {
                nodes.putIfAbsent(path.substring(0, cut), new Node(path.substring(0, cut), null));
            }
        }
    }

    /** Every name in path order, parents before their children. */
    List<Node> nodes() {
        return List.copyOf(nodes.values());
    }

    /** The existing mailboxes below {@code node}, at any depth. */
    List<Mailbox> descendants(Node node) {
        String prefix = node.path() + Mailbox.DELIMITER;
        List<Mailbox> result = new ArrayList<>();
        for (Node below : nodes.tailMap(prefix, true).values()) {
            if (!below.path().startsWith(prefix)) {
                break;
            }
            if (below.exists()) {
                result.add(below.mailbox());
            }
        }
        return result;
    }
}
