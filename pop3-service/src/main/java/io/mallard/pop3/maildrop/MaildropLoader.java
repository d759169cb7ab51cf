package io.mallard.pop3.maildrop;

import java.util.ArrayList;
import java.util.List;

import org.bson.types.ObjectId;

import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.message.MailStorage;
import io.mallard.model.message.Message;
import reactor.core.publisher.Mono;

/**
 * Builds a session's maildrop: the newest {@code limit} INBOX messages, oldest first (WildDuck's
 * rule, default 250), so a client on a huge INBOX gets a bounded listing and numbering that holds
 * for the whole session.
 *
 * <p>The documents are read anyway to list them; the loader keeps those of the oldest messages
 * while their content fits {@code cacheBudget} octets, so RETR of typical small mail streams
 * straight from memory, and drops the rest to ids and sizes: a session on 250 large messages must
 * not pin their inline content (up to a megabyte each) for as long as the client stays connected.
 */
public final class MaildropLoader {

    /** What a document holds inline at most (the segmenter moves the rest of a message to GridFS). */
    private static final long MAX_INLINE = 1024 * 1024;

    private final MailStorage storage;
    private final int limit;
    private final long cacheBudget;

    public MaildropLoader(MailStorage storage, int limit, long cacheBudget) {
        this.storage = storage;
        this.limit = limit;
        this.cacheBudget = cacheBudget;
    }

    public Mono<Maildrop> load(ObjectId user) {
        return storage.mailboxes().require(user, Mailbox.INBOX)
                .flatMap(inbox -> storage.listing().newest(inbox.id(), limit).collectList()
                        .map(messages -> new Maildrop(user, inbox.id(), entries(messages))));
    }

    private List<MaildropEntry> entries(List<Message> messages) {
        List<MaildropEntry> entries = new ArrayList<>(messages.size());
        long budget = cacheBudget;
        for (Message message : messages) {
            long cost = Math.min(message.size(), MAX_INLINE);
            boolean keep = cost <= budget;
            budget -= keep ? cost : 0;
            entries.add(new MaildropEntry(message.id(), message.uid(), message.size(), keep ? message : null));
        }
        return entries;
    }
}
