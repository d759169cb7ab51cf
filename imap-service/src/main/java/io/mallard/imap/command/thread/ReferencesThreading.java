package io.mallard.imap.command.thread;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** RFC 5256 §3 THREAD=REFERENCES, step by step. */
final class ReferencesThreading {

    private ReferencesThreading() {
    }

    /** @param messages the matching messages in sequence order */
    static List<ThreadNode> thread(List<ThreadMessage> messages) {
        List<ThreadNode> roots = link(messages);
        roots = prune(roots);
        // (4) Sort the top level by sent date; a dummy by its first child, its children sorted first.
        for (ThreadNode root : roots) {
            root.children.sort(ThreadNode.BY_DATE);
        }
        roots.sort(ThreadNode.BY_DATE);
        roots = mergeBySubject(roots);
        ThreadNode.sortAll(roots);
        return roots;
    }

    /** Steps (1) and (2): parent/child links from References, then every node without a parent. */
    private static List<ThreadNode> link(List<ThreadMessage> messages) {
        // Insertion order keeps the roots in a stable order before they are sorted.
        Map<String, ThreadNode> byId = new LinkedHashMap<>();
        List<ThreadNode> unnamed = new ArrayList<>();
        for (ThreadMessage message : messages) {
            // (1) A missing or repeated Message-ID gets a unique one: only the first holder keeps it.
            ThreadNode known = message.messageId() == null ? null : byId.get(message.messageId());
            ThreadNode node;
            if (known != null && known.dummy()) {
                // Referenced before it was seen: the dummy becomes this message.
                node = known;
                node.message = message;
            } else {
                node = new ThreadNode(message);
                if (known == null && message.messageId() != null) {
                    byId.put(message.messageId(), node);
                } else {
                    unnamed.add(node);
                }
            }
            // (1)(A) Link the references in order, never changing an existing parent, never a loop.
            ThreadNode previous = null;
            for (String reference : message.references()) {
                ThreadNode current = byId.computeIfAbsent(reference, id -> new ThreadNode(null));
                if (previous != null && current.parent == null && !previous.descendsFrom(current)) {
                    previous.adopt(current);
                }
                previous = current;
            }
            // (1)(B) The last reference is the parent, replacing any link a truncated References made.
            if (node.parent != null) {
                node.parent.children.remove(node);
                node.parent = null;
            }
            if (previous != null && !previous.descendsFrom(node)) {
                previous.adopt(node);
            }
        }
        List<ThreadNode> roots = new ArrayList<>();
        byId.values().stream().filter(node -> node.parent == null).forEach(roots::add);
        unnamed.stream().filter(node -> node.parent == null).forEach(roots::add);
        return roots;
    }

    /**
     * Step (3): a dummy without children goes; a dummy with children gives way to them, except at the
     * top level, where it stays when it has more than one. Children are settled before their parents.
     */
    private static List<ThreadNode> prune(List<ThreadNode> roots) {
        for (ThreadNode node : ThreadNode.childrenFirst(roots)) {
            List<ThreadNode> kept = new ArrayList<>();
            for (ThreadNode child : node.children) {
                if (child.dummy()) {
                    child.children.forEach(grandchild -> grandchild.parent = node);
                    kept.addAll(child.children);
                } else {
                    kept.add(child);
                }
            }
            node.children.clear();
            node.children.addAll(kept);
        }
        List<ThreadNode> top = new ArrayList<>();
        for (ThreadNode root : roots) {
            if (!root.dummy() || root.children.size() > 1) {
                top.add(root);
            } else if (root.children.size() == 1) {
                ThreadNode only = root.children.get(0);
                only.parent = null;
                top.add(only);
            }
        }
        return top;
    }

    /** Step (5): threads whose subjects share a base subject are gathered. */
    private static List<ThreadNode> mergeBySubject(List<ThreadNode> roots) {
        // (5)(B) One thread per base subject: a dummy wins over a message, a non-reply over a reply.
        Map<String, ThreadNode> table = new HashMap<>();
        for (ThreadNode root : roots) {
            String subject = root.representative().subject().key();
            if (subject.isEmpty()) {
                continue;
            }
            ThreadNode held = table.get(subject);
            if (held == null || !held.dummy() && (root.dummy()
                    || held.message.subject().reply() && !root.message.subject().reply())) {
                table.put(subject, root);
            }
        }
        // (5)(C) Merge every other thread of that subject into the table's.
        List<ThreadNode> result = new ArrayList<>(roots);
        for (ThreadNode root : roots) {
            String subject = root.representative().subject().key();
            ThreadNode held = subject.isEmpty() ? null : table.get(subject);
            if (held == null || held == root) {
                continue;
            }
            result.remove(root);
            if (held.dummy() && root.dummy()) {
                for (ThreadNode child : new ArrayList<>(root.children)) {
                    held.adopt(child);
                }
            } else if (held.dummy() || !root.dummy() && root.message.subject().reply() && !held.message.subject().reply()) {
                held.adopt(root);
            } else {
                ThreadNode dummy = new ThreadNode(null);
                result.set(result.indexOf(held), dummy);
                dummy.adopt(held);
                dummy.adopt(root);
                table.put(subject, dummy);
            }
        }
        return result;
    }
}
