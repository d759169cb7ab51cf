package io.mallard.model.filter;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.store.IdPages;
import io.mallard.model.store.IndexedCollection;
import io.mallard.model.user.UserOwned;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code filters} collection: a user has a handful, read in full on every delivery. */
public final class FilterStore implements UserOwned {

    /** Small per user and read by user: unsharded, one index on {@code {user, created}}. */
    public static final IndexedCollection COLLECTION = new IndexedCollection("filters",
            List.of(new IndexModel(Indexes.ascending("user", "created"))), null);

    private final MongoCollection<Document> filters;
    private final Clock clock;

    public FilterStore(MongoDatabase database, Clock clock) {
        this.filters = database.getCollection(COLLECTION.name());
        this.clock = clock;
    }

    public Mono<Filter> create(ObjectId user, String name, FilterQuery query, FilterAction action) {
        return create(user, name, query, action, false);
    }

    public Mono<Filter> create(ObjectId user, String name, FilterQuery query, FilterAction action, boolean disabled) {
        Filter filter = new Filter(new ObjectId(), user, name, query, action, disabled,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return Mono.from(filters.insertOne(toDocument(filter))).thenReturn(filter);
    }

    /** The user's filters in the order they apply. */
    public Flux<Filter> list(ObjectId user) {
        return Flux.from(filters.find(Filters.eq("user", user)).sort(Sorts.ascending("created", "_id")))
                .map(FilterStore::fromDocument);
    }

    /** One of the user's filters; empty when the id is unknown or another user's. */
    public Mono<Filter> get(ObjectId user, ObjectId id) {
        return Mono.from(filters.find(owned(user, id)).first()).map(FilterStore::fromDocument);
    }

    public Mono<Long> count(ObjectId user) {
        return Mono.from(filters.countDocuments(Filters.eq("user", user)));
    }

    /**
     * Every user's filters in id order, for platform-wide listings: up to {@code limit} beyond
     * {@code after} ({@code null} for the start), or before it when {@code backwards}, returned in
     * id order either way.
     */
    public Flux<Filter> page(ObjectId after, boolean backwards, int limit) {
        return IdPages.read(filters, new Document(), after, true, backwards, limit).map(FilterStore::fromDocument);
    }

    /** Replaces the filter's settings, keeping its id, owner and place in the order; empty when not found. */
    public Mono<Filter> update(ObjectId user, ObjectId id, String name, FilterQuery query, FilterAction action,
            boolean disabled) {
        return Mono.from(filters.findOneAndUpdate(owned(user, id), Updates.combine(Updates.set("name", name),
                                Updates.set("query", query.toDocument()), Updates.set("action", action.toDocument()),
                                Updates.set("disabled", disabled)),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .map(FilterStore::fromDocument);
    }

    public Mono<Boolean> delete(ObjectId user, ObjectId id) {
        return Mono.from(filters.deleteOne(owned(user, id)))
                .map(result -> result.getDeletedCount() == 1);
    }

    @Override
    public Mono<Long> purge(ObjectId user) {
        return Mono.from(filters.deleteMany(Filters.eq("user", user))).map(result -> result.getDeletedCount());
    }

    private static Bson owned(ObjectId user, ObjectId id) {
        return Filters.and(Filters.eq("_id", id), Filters.eq("user", user));
    }

    private static Document toDocument(Filter filter) {
        return new Document("_id", filter.id()).append("user", filter.user()).append("name", filter.name())
                .append("query", filter.query().toDocument()).append("action", filter.action().toDocument())
                .append("disabled", filter.disabled()).append("created", Date.from(filter.created()));
    }

    private static Filter fromDocument(Document d) {
        return new Filter(d.getObjectId("_id"), d.getObjectId("user"), d.getString("name"),
                FilterQuery.fromDocument(d.get("query", Document.class)),
                FilterAction.fromDocument(d.get("action", Document.class)), d.getBoolean("disabled", false),
                d.getDate("created").toInstant());
    }
}
