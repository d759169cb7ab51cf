package io.mallard.model.address;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.store.IndexedCollection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code domainaliases} collection: {@code alias} domain → real {@code domain}, both punycode. */
public final class DomainAliasStore {

    public static final String COLLECTION = "domainaliases";

    /** {@code alias} unique (the resolver's lookup), {@code domain} (list aliases of a domain). Unsharded, tiny. */
    public static final IndexedCollection INDEXES = new IndexedCollection(COLLECTION, List.of(
            new IndexModel(Indexes.ascending("alias"), new IndexOptions().unique(true)),
            new IndexModel(Indexes.ascending("domain"))), null);

    private final MongoCollection<Document> aliases;
    private final Clock clock;

    public DomainAliasStore(MongoDatabase database, Clock clock) {
        this.aliases = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    public Mono<DomainAlias> add(String alias, String domain) {
        return Mono.fromCallable(() -> new DomainAlias(new ObjectId(), AddressNormalizer.domain(alias),
                        AddressNormalizer.domain(domain), clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                .flatMap(created -> created.alias().equals(created.domain()) || "*".equals(created.alias()) || "*".equals(created.domain())
                        ? Mono.error(new InvalidAddressException(alias, "an alias must name another, concrete domain"))
                        : Mono.from(aliases.insertOne(new Document("_id", created.id())
                                        .append("alias", created.alias())
                                        .append("domain", created.domain())
                                        .append("created", Date.from(created.created()))))
                                .onErrorMap(e -> e instanceof MongoWriteException write
                                        && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY,
                                        e -> new AddressTakenException("*@" + created.alias()))
                                .thenReturn(created));
    }

    /** The real domain an alias stands for, empty when the domain is no alias. */
    public Mono<String> domainOf(String alias) {
        return Mono.from(aliases.find(Filters.eq("alias", alias)).first()).map(document -> document.getString("domain"));
    }

    public Mono<Boolean> delete(String alias) {
        return Mono.fromCallable(() -> AddressNormalizer.domain(alias))
                .flatMap(normalized -> Mono.from(aliases.deleteOne(Filters.eq("alias", normalized))))
                .map(result -> result.getDeletedCount() > 0);
    }

    /** Points the aliases of one domain at its new name, as part of renaming the domain; emits how many. */
    public Mono<Long> renameDomain(String from, String to) {
        return Mono.fromCallable(() -> List.of(AddressNormalizer.domain(from), AddressNormalizer.domain(to)))
                .flatMap(domains -> Mono.from(aliases.updateMany(Filters.eq("domain", domains.get(0)),
                        Updates.set("domain", domains.get(1)))))
                .map(result -> result.getModifiedCount());
    }

    public Flux<DomainAlias> list() {
        return Flux.from(aliases.find().sort(Sorts.ascending("alias")))
                .map(document -> new DomainAlias(document.getObjectId("_id"), document.getString("alias"),
                        document.getString("domain"), document.getDate("created").toInstant()));
    }
}
