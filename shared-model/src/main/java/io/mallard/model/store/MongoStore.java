package io.mallard.model.store;

import java.util.Map;

import org.bson.BsonBinary;
import org.bson.BsonType;
import org.bson.codecs.BsonTypeClassMap;
import org.bson.codecs.DocumentCodecProvider;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.configuration.CodecRegistry;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;

/** The one MongoDB database Mallard uses, reached through the official reactive driver. */
public final class MongoStore implements AutoCloseable {

    public static final String DEFAULT_DATABASE = "mallard";

    /**
     * The embedded store's default: one file, and a commit of it stores every change applied
     * before, so a step may go unjournaled when a journaled write of the same writer follows it
     * (see {@link #followed}). Compared by identity: no connection string can produce it.
     */
    private static final WriteConcern EMBEDDED = WriteConcern.W1.withJournal(true);

    /**
     * The driver's codecs, but a binary value in a document reads as a {@link BsonBinary}, whose
     * {@code getData()} hands out the array it decoded into. The default {@code Binary} copies the
     * bytes once more when it is made and again on every {@code getData()}: message content
     * (inline runs and GridFS chunks) went through three arrays on its way to a POP3 or IMAP
     * client, 107 of the 130 MB a POP3 session of 40 MB allocated (async-profiler), and the
     * garbage collector paused for it every second download. Binary values are written as
     * {@link BsonBinary} too, so that a document reads back equal to what was written.
     */
    private static final CodecRegistry CODECS = binaryAsBsonBinary();

    private final MongoClient client;
    private final MongoDatabase database;

    public MongoStore(String uri) {
        this(uri, false);
    }

    private MongoStore(String uri, boolean embedded) {
        ConnectionString connection = new ConnectionString(uri);
        this.client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(connection)
                .codecRegistry(CODECS)
                .build());
        String name = connection.getDatabase();
        MongoDatabase named = client.getDatabase(name == null ? DEFAULT_DATABASE : name);
        this.database = embedded ? named.withWriteConcern(EMBEDDED) : named;
    }

    /** The embedded MongoDB-compatible server at {@code uri}, whose commits allow {@link #followed} writes. */
    public static MongoStore embedded(String uri) {
        return new MongoStore(uri, true);
    }

    /**
     * {@code collection} for a step whose writer makes a journaled write before it acknowledges
     * anything (a UID or MODSEQ taken, a message, its thread or its flags written before the
     * change's journal entry). On the embedded store the step is answered once applied, and that
     * later commit makes it durable: one forced disk write per command instead of one per step.
     * On MongoDB the collection keeps the configured write concern: there the later write may
     * land on another shard, whose journal does not carry this one.
     */
    public static <T> MongoCollection<T> followed(MongoCollection<T> collection) {
        return collection.getWriteConcern() == EMBEDDED ? collection.withWriteConcern(EMBEDDED.withJournal(false))
                : collection;
    }

    private static CodecRegistry binaryAsBsonBinary() {
        // Documents only: a Map or Collection provider placed first would also claim BsonDocument
        // and BsonArray, which the driver's own codecs (GridFS's file codec) ask for. A document in
        // a list still decodes here; a binary straight in a list stays a Binary (Mallard has none).
        BsonTypeClassMap types = new BsonTypeClassMap(Map.of(BsonType.BINARY, BsonBinary.class));
        return CodecRegistries.fromRegistries(CodecRegistries.fromProviders(new DocumentCodecProvider(types)),
                MongoClientSettings.getDefaultCodecRegistry());
    }

    public MongoDatabase database() {
        return database;
    }

    @Override
    public void close() {
        client.close();
    }
}
