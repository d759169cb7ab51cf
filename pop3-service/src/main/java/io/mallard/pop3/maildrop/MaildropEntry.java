package io.mallard.pop3.maildrop;

import java.util.Optional;

import org.bson.types.ObjectId;

import io.mallard.model.message.Message;

/**
 * What a session keeps of each maildrop message: enough for STAT, LIST, UIDL and to find it again,
 * and, within the session's {@linkplain MaildropLoader cache budget}, the message document itself,
 * so RETR of a small message needs no database round trip.
 *
 * @param cached the document read at login, or {@code null} when it did not fit the budget
 */
public record MaildropEntry(ObjectId id, long uid, long size, Message cached) {

    public Optional<Message> document() {
        return Optional.ofNullable(cached);
    }
}
