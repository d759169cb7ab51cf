package io.mallard.imap.command.thread;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/** A node of a thread tree: a message, or a dummy standing for a message not in the set (RFC 5256). */
final class ThreadNode {

    /** By sent date, then sequence number; a dummy by its first child (RFC 5256 §3 steps (4), (6)). */
    static final Comparator<ThreadNode> BY_DATE = Comparator
            .comparing((ThreadNode node) -> node.representative().sent())
            .thenComparingInt(node -> node.representative().sequence());

    /** {@code null} for a dummy; set when a message referenced earlier turns up. */
    ThreadMessage message;
    ThreadNode parent;
    final List<ThreadNode> children = new ArrayList<>();

    ThreadNode(ThreadMessage message) {
        this.message = message;
    }

    boolean dummy() {
        return message == null;
    }

    /** The message that stands for this node in sorts and subject grouping. */
    ThreadMessage representative() {
        ThreadNode node = this;
        while (node.message == null) {
            node = node.children.get(0);
        }
        return node.message;
    }

    void adopt(ThreadNode child) {
        if (child.parent != null) {
            child.parent.children.remove(child);
        }
        child.parent = this;
        children.add(child);
    }

    /** Whether {@code other} is this node or one of its ancestors. */
    boolean descendsFrom(ThreadNode other) {
        for (ThreadNode node = this; node != null; node = node.parent) {
            if (node == other) {
                return true;
            }
        }
        return false;
    }

    /** Every node of the trees under {@code roots}, each before its parent (children first). */
    static List<ThreadNode> childrenFirst(List<ThreadNode> roots) {
        List<ThreadNode> order = new ArrayList<>();
        Deque<ThreadNode> stack = new ArrayDeque<>(roots);
        while (!stack.isEmpty()) {
            ThreadNode node = stack.pop();
            order.add(node);
            node.children.forEach(stack::push);
        }
        Collections.reverse(order);
        return order;
    }

    /**
     * Sorts every set of siblings by date, the deepest first so that a dummy's first child is
     * settled before the dummy is placed (RFC 5256 §3 step (6)); then the roots.
     */
    static void sortAll(List<ThreadNode> roots) {
        for (ThreadNode node : childrenFirst(roots)) {
            node.children.sort(BY_DATE);
        }
        roots.sort(BY_DATE);
    }

    /**
     * RFC 5256 §4 thread-list for each root: a message's number; one child follows it in line,
     * several each go in parentheses; a dummy is only its children's lists. Written without
     * recursion, so a long reply chain cannot exhaust the stack.
     */
    static String format(List<ThreadNode> roots) {
        StringBuilder out = new StringBuilder();
        Deque<Object> work = new ArrayDeque<>();
        for (int i = roots.size() - 1; i >= 0; i--) {
            work.push(")");
            work.push(roots.get(i));
            work.push("(");
        }
        while (!work.isEmpty()) {
            Object item = work.pop();
            if (item instanceof String text) {
                out.append(text);
                continue;
            }
            ThreadNode node = (ThreadNode) item;
            List<Object> parts = new ArrayList<>();
            if (!node.dummy()) {
                parts.add(Long.toString(node.message.number()));
            }
            if (node.children.size() == 1) {
                parts.add(node.dummy() ? "" : " ");
                parts.add(node.children.get(0));
            } else if (!node.children.isEmpty()) {
                parts.add(node.dummy() ? "" : " ");
                for (ThreadNode child : node.children) {
                    parts.add("(");
                    parts.add(child);
                    parts.add(")");
                }
            }
            for (int i = parts.size() - 1; i >= 0; i--) {
                work.push(parts.get(i));
            }
        }
        return out.toString();
    }
}
