package io.mallard.pop3.maildrop;

import java.util.List;

import org.bson.types.ObjectId;

import io.mallard.model.mail.MessageContent;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.message.MailStorage;
import io.mallard.model.message.Message;
import io.mallard.model.message.MessageFields;
import reactor.core.publisher.Mono;

/**
 * Builds a session's maildrop: the newest {@code limit} INBOX messages, oldest first (WildDuck's
 * rule, default 250), so a client on a huge INBOX gets a bounded listing and numbering that holds
 * for the whole session. Login reads ids, UIDs, sizes and flags only; content is read as RETR
 * and TOP ask for it, {@code readAheadBytes} at a time (see {@link ReadAhead}).
 */
public final class MaildropLoader {

    private final MailStorage storage;
    private final MessageContent content;
    private final int limit;
    private final long readAheadBytes;

    public MaildropLoader(MailStorage storage, MessageContent content, int limit, long readAheadBytes) {
        this.storage = storage;
        this.content = content;
        this.limit = limit;
        this.readAheadBytes = readAheadBytes;
    }

    /** The user's INBOX; a login looks it up while it takes the maildrop lock. */
    public Mono<Mailbox> inbox(ObjectId user) {
        return storage.mailboxes().require(user, Mailbox.INBOX);
    }

    /** The maildrop of {@code inbox}, which {@link #inbox} found for {@code user}. */
    public Mono<Maildrop> load(ObjectId user, Mailbox inbox) {
        return storage.listing().newest(inbox.id(), limit, MessageFields.MAILDROP)
                .map(message -> new MaildropEntry(message.id(), message.uid(), message.size(),
                        message.flags().contains(Message.SEEN)))
                .collectList()
                .map(entries -> maildrop(user, inbox.id(), List.copyOf(entries)));
    }

    private Maildrop maildrop(ObjectId user, ObjectId inbox, List<MaildropEntry> entries) {
        return new Maildrop(user, inbox, entries, new ReadAhead(storage.listing(), content, inbox, entries,
                readAheadBytes));
    }
}
