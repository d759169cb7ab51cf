package io.mallard.model.store.embedded;

import java.util.List;
import java.util.Optional;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The aggregation the driver sends for {@code countDocuments}: {@code $match}, optional
 * {@code $skip}/{@code $limit}, then {@code $group} by a constant with one {@code {$sum: 1}}.
 *
 * <p>Measured defect: the library runs every aggregation over a scan of the whole collection,
 * every document deserialized, under the collection's lock. With 20,000 messages in the store,
 * one IMAP SELECT (two counts of one mailbox) took over a minute and held every other reader
 * and writer of the collection meanwhile. Answered here as the library answers the {@code count}
 * command: the match goes through the collection's query, so the narrowest index serves it.
 */
final class CountPipeline {

    private final Document match;
    private final int skip;
    private final int limit;
    private final Object groupId;
    private final String field;

    private CountPipeline(Document match, int skip, int limit, Object groupId, String field) {
        this.match = match;
        this.skip = skip;
        this.limit = limit;
        this.groupId = groupId;
        this.field = field;
    }

    /** The count an {@code aggregate} command asks for, or empty for any other pipeline. */
    static Optional<CountPipeline> of(Document aggregate) {
        List<Document> stages = Aggregation.parse(aggregate.get("pipeline"));
        if (stages.size() < 2 || !(single(stages.get(0), "$match") instanceof Document match)) {
            return Optional.empty();
        }
        int skip = 0;
        int limit = 0;
        for (Document stage : stages.subList(1, stages.size() - 1)) {
            if (single(stage, "$skip") instanceof Number n) {
                skip = n.intValue();
            } else if (single(stage, "$limit") instanceof Number n) {
                limit = n.intValue();
            } else {
                return Optional.empty();
            }
        }
        if (!(single(stages.get(stages.size() - 1), "$group") instanceof Document group) || group.size() != 2
                || !group.containsKey("_id") || group.get("_id") instanceof String || group.get("_id") instanceof Document) {
            return Optional.empty();
        }
        String field = group.keySet().stream().filter(key -> !key.equals("_id")).findFirst().orElseThrow();
        if (!(group.get(field) instanceof Document sum) || sum.size() != 1
                || !(sum.get("$sum") instanceof Number one) || one.doubleValue() != 1) {
            return Optional.empty();
        }
        return Optional.of(new CountPipeline(match, skip, limit, group.get("_id"), field));
    }

    /** The aggregation's reply: one group with the count, or none when nothing matched (as MongoDB). */
    Document answer(MongoCollection<?> collection, String namespace) {
        int count = collection == null ? 0 : collection.count(match, skip, limit);
        List<Document> batch = count == 0 ? List.of() : List.of(new Document("_id", groupId).append(field, count));
        Document reply = new Document("cursor", new Document("id", 0L).append("ns", namespace).append("firstBatch", batch));
        Utils.markOkay(reply);
        return reply;
    }

    private static Object single(Document stage, String name) {
        return stage.size() == 1 ? stage.get(name) : null;
    }
}
