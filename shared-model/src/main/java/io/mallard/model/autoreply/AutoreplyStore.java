package io.mallard.model.autoreply;

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
                .append("subject", autoreply.subject()).append("text", autoreply.text())
                .append("start", autoreply.start() == null ? null : Date.from(autoreply.start()))
                .append("end", autoreply.end() == null ? null : Date.from(autoreply.end()));
        return Mono.from(autoreplies.replaceOne(Filters.eq("_id", user), document, new ReplaceOptions().upsert(true)))
                .thenReturn(autoreply);
    }

    public Mono<Autoreply> get(ObjectId user) {
        return Mono.from(autoreplies.find(Filters.eq("_id", user)).first())
                .map(d -> new Autoreply(d.getBoolean("enabled", false), d.getString("subject"), d.getString("text"),
                        d.getDate("start") == null ? null : d.getDate("start").toInstant(),
                        d.getDate("end") == null ? null : d.getDate("end").toInstant()));
    }

    public Mono<Boolean> delete(ObjectId user) {
        return Mono.from(autoreplies.deleteOne(Filters.eq("_id", user))).map(result -> result.getDeletedCount() == 1);
    }

    @Override
    public Mono<Long> purge(ObjectId user) {
        return Mono.from(autoreplies.deleteOne(Filters.eq("_id", user))).map(result -> result.getDeletedCount());
    }
}
