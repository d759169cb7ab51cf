package io.mallard.model.message;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

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

    private static final String PARSED = "content.parsed.";
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
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq("user", query.user()));
        filters.add(Filters.ne("abandoned", true));
        if (query.mailbox() != null) {
            filters.add(Filters.eq("mailbox", query.mailbox()));
        }
        if (query.thread() != null) {
            filters.add(Filters.eq("thread", query.thread()));
        }
        if (query.text() != null) {
            filters.add(anyOf(query.text(), "subject", PARSED + "text", PARSED + "from.address", PARSED + "from.name",
                    PARSED + "to.address", PARSED + "to.name", PARSED + "cc.address", PARSED + "cc.name"));
        }
        if (query.from() != null) {
            filters.add(anyOf(query.from(), PARSED + "from.address", PARSED + "from.name"));
        }
        if (query.to() != null) {
            filters.add(anyOf(query.to(), PARSED + "to.address", PARSED + "to.name", PARSED + "cc.address",
                    PARSED + "cc.name"));
        }
        if (query.subject() != null) {
            filters.add(anyOf(query.subject(), "subject"));
        }
        if (query.dateStart() != null) {
            filters.add(Filters.gte("idate", Date.from(query.dateStart())));
        }
        if (query.dateEnd() != null) {
            filters.add(Filters.lte("idate", Date.from(query.dateEnd())));
        }
        if (query.flagged() != null) {
            filters.add(query.flagged() ? Filters.eq("flags", FLAGGED) : Filters.ne("flags", FLAGGED));
        }
        if (query.seen() != null) {
            filters.add(query.seen() ? Filters.eq("flags", Message.SEEN) : Filters.ne("flags", Message.SEEN));
        }
        if (query.attachments() != null) {
            filters.add(query.attachments() ? Filters.eq(PARSED + "hasAttachments", true)
                    : Filters.ne(PARSED + "hasAttachments", true));
        }
        if (query.minSize() != null) {
            filters.add(Filters.gte("size", query.minSize()));
        }
        if (query.maxSize() != null) {
            filters.add(Filters.lte("size", query.maxSize()));
        }
        return filters;
    }

    /** The text as a literal, case-insensitive, in any of the fields. */
    private static Bson anyOf(String text, String... fields) {
        Pattern pattern = Pattern.compile(Pattern.quote(text), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        List<Bson> any = new ArrayList<>();
        for (String field : fields) {
            any.add(Filters.regex(field, pattern));
        }
        return Filters.or(any);
    }
}
