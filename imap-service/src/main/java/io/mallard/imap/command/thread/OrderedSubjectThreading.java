package io.mallard.imap.command.thread;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.mallard.imap.command.sort.AsciiCasemap;

/**
 * RFC 5256 §3 THREAD=ORDEREDSUBJECT: messages sorted by base subject, then sent date; each run of
 * one base subject is a thread whose first message is the parent of all the others; threads in
 * order of their first message's sent date.
 */
final class OrderedSubjectThreading {

    private static final Comparator<ThreadMessage> ORDER = Comparator
            .comparing((ThreadMessage message) -> message.subject().text(), AsciiCasemap.ORDER)
            .thenComparing(ThreadMessage::sent)
            .thenComparingInt(ThreadMessage::sequence);

    private OrderedSubjectThreading() {
    }

    static List<ThreadNode> thread(List<ThreadMessage> messages) {
        List<ThreadMessage> sorted = new ArrayList<>(messages);
        sorted.sort(ORDER);
        List<ThreadNode> threads = new ArrayList<>();
        ThreadNode parent = null;
        for (ThreadMessage message : sorted) {
            ThreadNode node = new ThreadNode(message);
            if (parent != null && parent.message.subject().key().equals(message.subject().key())) {
                parent.adopt(node);
            } else {
                parent = node;
                threads.add(node);
            }
        }
        threads.sort(ThreadNode.BY_DATE);
        return threads;
    }
}
