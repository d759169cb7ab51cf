package io.mallard.model.mailbox;

import java.time.Instant;
import java.util.List;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.journal.ChangeCommand;
import io.mallard.model.journal.ChangeEvent;
import io.mallard.model.journal.Journal;
import io.mallard.model.mailbox.MailboxException.Code;
import io.mallard.model.store.IndexedCollection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code mailboxes} collection: the folder tree of each user. A user has tens of mailboxes,
 * so the collection stays unsharded (as in WildDuck) and hierarchy operations read the user's
 * whole list rather than running prefix regexes.
 */
public final class MailboxStore {

    public static final IndexedCollection COLLECTION = new IndexedCollection("mailboxes", List.of(
            new IndexModel(Indexes.ascending("user", "path"), new IndexOptions().unique(true)),
            new IndexModel(Indexes.ascending("user", "specialUse"))),
            null);

    /** The folders every account starts with, with their RFC 6154 special-use attributes. */
    static final List<List<String>> DEFAULTS = List.of(
            List.of(Mailbox.INBOX, ""), List.of("Drafts", "\\Drafts"), List.of("Sent Mail", "\\Sent"),
            List.of("Trash", "\\Trash"), List.of("Junk", "\\Junk"), List.of("Archive", "\\Archive"));

    private final MongoCollection<Document> mailboxes;
    private final Journal journal;

    public MailboxStore(MongoDatabase database, Journal journal) {
        this.mailboxes = database.getCollection(COLLECTION.name());
        this.journal = journal;
    }

    /** Creates the missing default folders; running it twice, even concurrently, changes nothing. */
    public Flux<Mailbox> createDefaults(ObjectId user) {
        return Flux.fromIterable(DEFAULTS)
                .concatMap(spec -> {
                    Document fresh = fresh(user, spec.get(0), spec.get(1).isEmpty() ? null : spec.get(1));
                    fresh.remove("_id");
                    return Mono.from(mailboxes.updateOne(byPath(user, spec.get(0)), new Document("$setOnInsert", fresh),
                                    new UpdateOptions().upsert(true)))
                            .onErrorResume(DuplicateKey::is, e -> Mono.empty())
                            .then(get(user, spec.get(0)));
                });
    }

    /** RFC 3501 6.3.3 CREATE; the caller creates missing parents if it wants them. */
    public Mono<Mailbox> create(ObjectId user, String path, String specialUse) {
        String name = Mailbox.normalize(path);
        Document document = fresh(user, name, specialUse);
        return Mono.from(mailboxes.insertOne(document))
                .onErrorMap(DuplicateKey::is, e -> new MailboxException(Code.ALREADYEXISTS, "Mailbox exists: " + name))
                .map(ignored -> Mailbox.fromDocument(document))
                .flatMap(created -> journal.record(ChangeEvent.mailbox(ChangeCommand.CREATE, user, created.id(), name, 0))
                        .thenReturn(created));
    }

    public Mono<Mailbox> get(ObjectId user, String path) {
        return Mono.from(mailboxes.find(named(user, path)).first()).map(Mailbox::fromDocument);
    }

    /** Like {@link #get} but a missing mailbox is an RFC 5530 NONEXISTENT error. */
    public Mono<Mailbox> require(ObjectId user, String path) {
        return get(user, path).switchIfEmpty(Mono.error(() -> missing(path)));
    }

    public Mono<Mailbox> byId(ObjectId id) {
        return Mono.from(mailboxes.find(Filters.eq("_id", id)).first()).map(Mailbox::fromDocument);
    }

    public Mono<Mailbox> bySpecialUse(ObjectId user, String specialUse) {
        return Mono.from(mailboxes.find(Filters.and(Filters.eq("user", user), Filters.eq("specialUse", specialUse))).first())
                .map(Mailbox::fromDocument);
    }

    /** All of the user's mailboxes in path order, as LIST needs them. */
    public Flux<Mailbox> list(ObjectId user) {
        return Flux.from(mailboxes.find(Filters.eq("user", user)).sort(Sorts.ascending("path"))).map(Mailbox::fromDocument);
    }

    /** RFC 3501 6.3.6/6.3.7 SUBSCRIBE and UNSUBSCRIBE. */
    public Mono<Mailbox> subscribe(ObjectId user, String path, boolean subscribed) {
        return Mono.from(mailboxes.findOneAndUpdate(byPath(user, Mailbox.normalize(path)), Updates.set("subscribed", subscribed),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .map(Mailbox::fromDocument)
                .switchIfEmpty(Mono.error(() -> missing(path)));
    }

    /** The settings WildDuck's mailbox update sets besides the path: message retention and LIST visibility. */
    public Mono<Mailbox> configure(ObjectId user, String path, long retention, boolean hidden) {
        return Mono.from(mailboxes.findOneAndUpdate(byPath(user, Mailbox.normalize(path)),
                        Updates.combine(Updates.set("retention", retention), Updates.set("hidden", hidden)),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .map(Mailbox::fromDocument)
                .switchIfEmpty(Mono.error(() -> missing(path)));
    }

    /**
     * RFC 3501 6.3.5 RENAME, children included. Each renamed mailbox keeps its id, UIDVALIDITY and
     * messages; its MODSEQ is bumped so that the journal entry has a place in the mailbox's order.
     * Renaming INBOX (which RFC 3501 defines as moving its messages) is refused.
     */
    public Flux<Mailbox> rename(ObjectId user, String from, String to) {
        String source = Mailbox.normalize(from);
        String target = Mailbox.normalize(to);
        if (source.equals(Mailbox.INBOX) || target.equals(Mailbox.INBOX)) {
            return Flux.error(new MailboxException(Code.CANNOT, "INBOX cannot be renamed"));
        }
        if (target.startsWith(source + Mailbox.DELIMITER)) {
            return Flux.error(new MailboxException(Code.CANNOT, "Cannot rename a mailbox into itself"));
        }
        return list(user).collectList().flatMapMany(all -> {
            if (all.stream().anyMatch(m -> m.path().equals(target) || m.path().startsWith(target + Mailbox.DELIMITER))) {
                return Flux.error(new MailboxException(Code.ALREADYEXISTS, "Mailbox exists: " + target));
            }
            List<Mailbox> moving = all.stream()
                    .filter(m -> m.path().equals(source) || m.path().startsWith(source + Mailbox.DELIMITER)).toList();
            if (moving.stream().noneMatch(m -> m.path().equals(source))) {
                return Flux.error(missing(source));
            }
            return Flux.fromIterable(moving).concatMap(m -> renameOne(m, target + m.path().substring(source.length())));
        });
    }

    private Mono<Mailbox> renameOne(Mailbox mailbox, String path) {
        return Mono.from(mailboxes.findOneAndUpdate(Filters.and(Filters.eq("_id", mailbox.id()), Filters.eq("path", mailbox.path())),
                        Updates.combine(Updates.set("path", path), Updates.inc("modifyIndex", 1L)),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .onErrorMap(DuplicateKey::is, e -> new MailboxException(Code.ALREADYEXISTS, "Mailbox exists: " + path))
                .map(Mailbox::fromDocument)
                .flatMap(renamed -> journal.claim(ChangeEvent.mailbox(ChangeCommand.RENAME, renamed.user(), renamed.id(),
                        path, renamed.modifyIndex()), bump(renamed.id()), modseq -> Mono.empty()).thenReturn(renamed));
    }

    /** A fresh MODSEQ for a journal entry whose first one was a repeat (see {@link Journal#claim}). */
    private Mono<Long> bump(ObjectId mailbox) {
        return Mono.from(mailboxes.findOneAndUpdate(Filters.eq("_id", mailbox), Updates.inc("modifyIndex", 1L),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .map(d -> Mailbox.number(d, "modifyIndex"));
    }

    /**
     * RFC 3501 6.3.4 DELETE of the mailbox record. Messages are removed by
     * {@code MessageStore.deleteMailbox}, which calls this first so that no append can land in a
     * mailbox that is going away. The DELETE entry takes the largest MODSEQ so that it sorts last.
     */
    public Mono<Mailbox> delete(ObjectId user, String path) {
        String name = Mailbox.normalize(path);
        if (name.equals(Mailbox.INBOX)) {
            return Mono.error(new MailboxException(Code.CANNOT, "INBOX cannot be deleted"));
        }
        return Mono.from(mailboxes.findOneAndDelete(byPath(user, name)))
                .map(Mailbox::fromDocument)
                .switchIfEmpty(Mono.error(() -> missing(name)))
                .flatMap(deleted -> journal.record(ChangeEvent.mailbox(ChangeCommand.DELETE, user, deleted.id(), name,
                        Long.MAX_VALUE)).thenReturn(deleted));
    }

    /**
     * Removes every mailbox record of a purged user, without journal entries: nobody is left to
     * listen. Its messages must be gone first ({@code MessageStore.purge}).
     */
    public Mono<Long> purge(ObjectId user) {
        return Mono.from(mailboxes.deleteMany(Filters.eq("user", user))).map(result -> result.getDeletedCount());
    }

    /** The user's mailbox named {@code path}, in any spelling {@link #get} accepts, as a query filter. */
    public static Bson named(ObjectId user, String path) {
        return byPath(user, Mailbox.normalize(path));
    }

    // A regex on a field of the unique {user, path} index breaks the embedded store; exact matches are fine.
    private static Bson byPath(ObjectId user, String path) {
        return Filters.and(Filters.eq("user", user), Filters.eq("path", path));
    }

    private static Document fresh(ObjectId user, String path, String specialUse) {
        return new Document("_id", new ObjectId()).append("user", user).append("path", path)
                .append("specialUse", specialUse)
                // RFC 3501 2.3.1.1: a recreated mailbox must get a different UIDVALIDITY; seconds since
                // the epoch change between a delete and a re-create of the same name.
                .append("uidValidity", Instant.now().getEpochSecond())
                // MODSEQ 1 is the creation, so HIGHESTMODSEQ is positive from the start (RFC 7162 7).
                .append("uidNext", 1L).append("modifyIndex", 1L).append("visibleModseq", 1L)
                .append("subscribed", true).append("retention", 0L).append("hidden", false);
    }

    private static MailboxException missing(String path) {
        return new MailboxException(Code.NONEXISTENT, "No such mailbox: " + path);
    }
}
