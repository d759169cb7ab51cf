package io.mallard.model.watermark;

import java.util.function.BiFunction;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.reactivestreams.client.MongoCollection;

/**
 * One per-mailbox counter a {@link CommitWatermark} follows: where the mailbox document keeps the
 * highest number handed out, the watermark and the checkpoint, and where a number counts as taken.
 *
 * @param highest the mailbox field that holds the counter
 * @param exclusive whether that field holds the next number to hand out (UIDNEXT) rather than the last one
 * @param visible the mailbox field that stores the watermark
 * @param checkpoint the mailbox field that stores {@code {below, at}}
 * @param claims the collection where a committed or fenced number has a document of its own, under a
 *     unique {@code {mailbox, field}} index
 * @param field the number's field in {@code claims}
 * @param fence the document that takes a number nobody will write under any more
 * @param adoptWhenUnset whether a mailbox without a stored watermark starts at its counter (a field
 *     added after mailboxes existed, whose older claims may have expired) rather than at 0
 */
public record Counter(String highest, boolean exclusive, String visible, String checkpoint,
        MongoCollection<Document> claims, String field, BiFunction<ObjectId, Long, Document> fence,
        boolean adoptWhenUnset) {

    long highestOf(Document mailbox) {
        long value = number(mailbox, highest);
        return exclusive ? value - 1 : value;
    }

    static long number(Document d, String field) {
        return d.get(field) instanceof Number n ? n.longValue() : 0L;
    }
}
