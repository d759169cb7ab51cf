package io.mallard.api.updates;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bson.types.ObjectId;

import io.mallard.model.journal.ChangeCommand;
import io.mallard.model.journal.ChangeEvent;

/**
 * Where a client is in its user's change journal: per mailbox, the highest MODSEQ delivered. The
 * journal is kept per mailbox (and sharded by it), so no single number orders one user's changes;
 * this vector is the event id ({@code id:} of each event, RFC 8895-style {@code Last-Event-ID} on
 * reconnect), and resuming reads each mailbox's journal beyond its entry. A mailbox missing from
 * it was created after it was issued, and is read from its start.
 *
 * <p>Encoded as base64url of (12-byte mailbox id, varint MODSEQ) pairs: about 190 characters for
 * ten mailboxes.
 */
final class EventPosition {

    /** More mailboxes than any account has; bounds what a forged id can make the server read. */
    static final int MAX_MAILBOXES = 2000;

    private final Map<ObjectId, Long> modseqs;

    EventPosition(Map<ObjectId, Long> modseqs) {
        this.modseqs = new LinkedHashMap<>(modseqs);
    }

    /** The position a {@code Last-Event-ID} names; {@link IllegalArgumentException} when it is not one of ours. */
    static EventPosition parse(String id) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getUrlDecoder().decode(id));
            Map<ObjectId, Long> modseqs = new LinkedHashMap<>();
            while (bytes.hasRemaining()) {
                byte[] mailbox = new byte[12];
                bytes.get(mailbox);
                modseqs.put(new ObjectId(mailbox), varint(bytes));
                if (modseqs.size() > MAX_MAILBOXES) {
                    throw new IllegalArgumentException("too many mailboxes");
                }
            }
            return new EventPosition(modseqs);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated event id", e);
        }
    }

    /** The MODSEQ delivered for the mailbox; -1 when it is not here, so that its CREATE (MODSEQ 0) is read too. */
    long of(ObjectId mailbox) {
        return modseqs.getOrDefault(mailbox, -1L);
    }

    Iterable<ObjectId> mailboxes() {
        return modseqs.keySet();
    }

    /** Takes a delivered change into account; a deleted mailbox leaves the position. */
    void advance(ChangeEvent event) {
        if (event.command() == ChangeCommand.DELETE) {
            modseqs.remove(event.mailbox());
        } else {
            modseqs.merge(event.mailbox(), event.modseq(), Math::max);
        }
    }

    String encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        modseqs.forEach((mailbox, modseq) -> {
            out.writeBytes(mailbox.toByteArray());
            // MODSEQs are positive in practice; a negative one is stored as 0 rather than as ten bytes.
            long value = Math.max(0, modseq);
            while ((value & ~0x7FL) != 0) {
                out.write((int) ((value & 0x7F) | 0x80));
                value >>>= 7;
            }
            out.write((int) value);
        });
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    private static long varint(ByteBuffer bytes) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = bytes.get();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }
}
