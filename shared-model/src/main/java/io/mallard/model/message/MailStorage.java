package io.mallard.model.message;

import java.time.Duration;
import java.util.List;

import com.mongodb.reactivestreams.client.MongoDatabase;

import io.mallard.model.journal.Journal;
import io.mallard.model.mailbox.MailboxStore;
import io.mallard.model.quota.QuotaLedger;
import io.mallard.model.store.CollectionIndexes;
import io.mallard.model.store.IndexedCollection;
import io.mallard.model.store.Stores;
import io.mallard.model.thread.Threader;
import io.mallard.model.watermark.CommitWatermark;
import reactor.core.publisher.Mono;

/** The mailbox and message services of one process, wired over one pair of store clients. */
public record MailStorage(Journal journal, MailboxStore mailboxes, QuotaLedger quota, Threader threader,
        MessageStore messages, FlagStore flags, MessageListing listing, ExpungeLog expunged) {

    /** Every collection this layer owns; {@code users} belongs to the account layer. */
    public static final List<IndexedCollection> COLLECTIONS = List.of(MailboxStore.COLLECTION, MessageStore.COLLECTION,
            Journal.COLLECTION, Threader.COLLECTION);

    /**
     * @param lease how long an allocated UID or MODSEQ may stay unwritten before readers fence it
     * @param expungeRetention how long expunged UIDs stay on record for RFC 7162 VANISHED
     */
    public static MailStorage over(Stores stores, Duration lease, Duration expungeRetention, ContentReferences content) {
        MongoDatabase database = stores.mongo().database();
        Journal journal = new Journal(database, stores.redis(), lease);
        MailboxStore mailboxes = new MailboxStore(database, journal);
        QuotaLedger quota = new QuotaLedger(database);
        Threader threader = new Threader(database);
        CommitWatermark watermark = MessageStore.uidWatermark(database, lease);
        ExpungeLog expunged = new ExpungeLog(database, expungeRetention);
        return new MailStorage(journal, mailboxes, quota, threader,
                new MessageStore(database, mailboxes, quota, threader, journal, watermark, expunged, content),
                new FlagStore(database, journal), new MessageListing(database, mailboxes, watermark, journal), expunged);
    }

    public static MailStorage over(Stores stores, Duration lease, ContentReferences content) {
        return over(stores, lease, ExpungeLog.RETENTION, content);
    }

    public static MailStorage over(Stores stores, ContentReferences content) {
        return over(stores, CommitWatermark.DEFAULT_LEASE, content);
    }

    /** Creates the indexes of {@link #COLLECTIONS}; idempotent, run at start-up. */
    public static Mono<Void> ensureIndexes(Stores stores) {
        return CollectionIndexes.ensure(stores.mongo().database(), COLLECTIONS);
    }
}
