package io.mallard.model.autoreply;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.store.IndexedCollection;
import io.mallard.model.user.UserOwned;
import reactor.core.publisher.Mono;

/** The {@code autoreplies} collection: at most one document per user, keyed by the user id. */
public final class AutoreplyStore implements UserOwned {

    public static final IndexedCollection COLLECTION = new IndexedCollection("autoreplies", List.of(), null);

    private final MongoCollection<Document> autoreplies;

    public AutoreplyStore(MongoDatabase database) {
        this.autoreplies = database.getCollection(COLLECTION.name());
    }

    /** Sets (replaces) the user's autoreply. */
    public Mono<Autoreply> set(ObjectId user, Autoreply autoreply) {
        Document document = new Document("_id", user).append("enabled", autoreply.enabled())
                .append("name", autoreply.name()).append("subject", autoreply.subject())
                .append("text", autoreply.text()).append("html", autoreply.html())
                .append("start", date(autoreply.start())).append("end", date(autoreply.end()))
                .append("created", date(autoreply.created()));
        return Mono.from(autoreplies.replaceOne(Filters.eq("_id", user), document, new ReplaceOptions().upsert(true)))
                .thenReturn(autoreply);
    }

    public Mono<Autoreply> get(ObjectId user) {
        return Mono.from(autoreplies.find(Filters.eq("_id", user)).first())
                .map(d -> new Autoreply(d.getBoolean("enabled", false), d.getString("name"), d.getString("subject"),
                        d.getString("text"), d.getString("html"), instant(d.getDate("start")), instant(d.getDate("end")),
                        instant(d.getDate("created"))));
    }

    public Mono<Boolean> delete(ObjectId user) {
        return Mono.from(autoreplies.deleteOne(Filters.eq("_id", user))).map(result -> result.getDeletedCount() == 1);
    }

    @Override
    public Mono<Long> purge(ObjectId user) {
        return Mono.from(autoreplies.deleteOne(Filters.eq("_id", user))).map(result -> result.getDeletedCount());
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
