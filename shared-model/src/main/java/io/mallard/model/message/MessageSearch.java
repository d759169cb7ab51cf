package io.mallard.model.message;

import java.util.ArrayList;
import java.util.List;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Finds a user's messages across mailboxes (the API's {@code /users/{user}/search}) in
 * {@code _id} order, which is arrival order and survives moves, so cursors built on it stay
 * stable while mail arrives or moves. Text conditions are regular expressions over the fields
 * parsed once at ingest ({@code content.parsed}); the embedded store has no text index, and the
 * user filter bounds every scan to one account.
 */
public final class MessageSearch {

    private static final String FLAGGED = "\\Flagged";

    private final MongoCollection<Document> messages;

    public MessageSearch(MongoDatabase database) {
        this.messages = database.getCollection(MessageStore.COLLECTION.name());
    }

    /**
     * Up to {@code count} matches strictly beyond {@code edge} ({@code null}: from the start),
     * by rising or falling {@code _id}.
     */
    public Flux<Message> find(MessageQuery query, ObjectId edge, boolean rising, int count) {
        List<Bson> filters = filters(query);
        if (edge != null) {
            filters.add(rising ? Filters.gt("_id", edge) : Filters.lt("_id", edge));
        }
        return Flux.from(messages.find(Filters.and(filters))
                        .sort(rising ? Sorts.ascending("_id") : Sorts.descending("_id"))
                        .limit(count))
                .filter(Message::isMessage)
                .map(Message::fromDocument);
    }

    public Mono<Long> count(MessageQuery query) {
        return Mono.from(messages.countDocuments(Filters.and(filters(query))));
    }

    private static List<Bson> filters(MessageQuery query) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq("user", query.user()), Filters.ne("abandoned", true)));
        if (query.mailbox() != null) {
            filters.add(Filters.eq("mailbox", query.mailbox()));
        }
        Bson criteria = criteria(query).filter();
        if (criteria != null) {
            filters.add(criteria);
        }
        return filters;
    }

    /** The conditions on the messages themselves, as the IMAP search states them too. */
    private static MessageCriteria criteria(MessageQuery query) {
        List<MessageCriteria> all = new ArrayList<>();
        if (query.thread() != null) {
            all.add(MessageCriteria.thread(query.thread()));
        }
        if (query.text() != null) {
            all.add(MessageCriteria.anywhere(query.text()));
        }
        if (query.from() != null) {
            all.add(MessageCriteria.from(query.from()));
        }
        if (query.to() != null) {
            all.add(MessageCriteria.recipient(query.to()));
        }
        if (query.subject() != null) {
            all.add(MessageCriteria.subject(query.subject()));
        }
        if (query.dateStart() != null || query.dateEnd() != null) {
            // WildDuck's dateend includes its instant; internalDate's end does not.
            all.add(MessageCriteria.internalDate(query.dateStart(),
                    query.dateEnd() == null ? null : query.dateEnd().plusMillis(1)));
        }
        if (query.flagged() != null) {
            all.add(MessageCriteria.flag(FLAGGED, query.flagged()));
        }
        if (query.seen() != null) {
            all.add(MessageCriteria.flag(Message.SEEN, query.seen()));
        }
        if (query.attachments() != null) {
            all.add(MessageCriteria.attachments(query.attachments()));
        }
        if (query.minSize() != null || query.maxSize() != null) {
            all.add(MessageCriteria.size(query.minSize() == null ? 0 : query.minSize(),
                    query.maxSize() == null ? Long.MAX_VALUE : query.maxSize()));
        }
        return MessageCriteria.and(all);
    }
}
