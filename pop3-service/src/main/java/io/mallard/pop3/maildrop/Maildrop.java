package io.mallard.pop3.maildrop;

import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

import org.bson.types.ObjectId;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The messages one POP3 session works on (RFC 1939 §5): fixed at login, numbered from 1 oldest
 * first, and marked deleted or retrieved in memory only; nothing reaches the store before QUIT.
 * Used from the session's event loop only.
 */
public final class Maildrop {

    private final ObjectId user;
    private final ObjectId inbox;
    private final List<MaildropEntry> messages;
    private final BitSet deleted = new BitSet();
    private final BitSet retrieved = new BitSet();
    private final ReadAhead reader;

    Maildrop(ObjectId user, ObjectId inbox, List<MaildropEntry> messages, ReadAhead reader) {
        this.user = user;
        this.inbox = inbox;
        this.messages = List.copyOf(messages);
        this.reader = reader;
    }

    public ObjectId user() {
        return user;
    }

    public ObjectId inbox() {
        return inbox;
    }

    /** Numbers 1..size(), deleted ones included: numbers never shift within a session. */
    public int size() {
        return messages.size();
    }

    /** STAT's count: messages not marked deleted. */
    public int count() {
        return messages.size() - deleted.cardinality();
    }

    /** STAT's octets: the sizes of the messages not marked deleted. */
    public long octets() {
        long total = 0;
        for (int i = 0; i < messages.size(); i++) {
            total += deleted.get(i) ? 0 : messages.get(i).size();
        }
        return total;
    }

    /** The message numbered {@code number}, unless out of range or marked deleted (RFC 1939 §5). */
    public Optional<MaildropEntry> get(int number) {
        if (number < 1 || number > messages.size() || deleted.get(number - 1)) {
            return Optional.empty();
        }
        return Optional.of(messages.get(number - 1));
    }

    /**
     * The original bytes of message {@code number}, as {@link #get} found it, for RETR
     * ({@code whole}) or TOP: read a window at a time ahead of the client (see {@link ReadAhead});
     * empty when another session removed the message since login.
     */
    public Mono<Flux<ByteBuffer>> content(int number, boolean whole) {
        return reader.content(number, whole);
    }

    public void delete(int number) {
        deleted.set(number - 1);
    }

    public void retrieve(int number) {
        retrieved.set(number - 1);
    }

    /** RSET: unmarks every deletion; what was retrieved stays retrieved. */
    public void reset() {
        deleted.clear();
    }

    public List<MaildropEntry> deleted() {
        return deleted.stream().mapToObj(messages::get).toList();
    }

    /**
     * These become \Seen at QUIT, deleted ones too (a message moved to Trash was read). Those that
     * were \Seen at login are left out: a client that downloads again would cost a read per
     * message for nothing. (Should IMAP clear \Seen meanwhile, that later choice stands.)
     */
    public List<MaildropEntry> retrievedUnseen() {
        return retrieved.stream().mapToObj(messages::get).filter(entry -> !entry.seen()).toList();
    }
}
