package io.mallard.model.store.embedded;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.BsonConstants;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The documents of a collection's data map, stored as BSON behind a marker byte. The map's
 * default {@link ObjectDataType} Java-serialized every document, a fresh object stream each
 * time: a commit spent a fifth of the IMAP benchmark's CPU serializing dirty pages while every
 * other writer waited for its commit lock. BSON is what the documents arrived as (the library
 * decoded them from the wire with the same decoder), so it holds every value they can carry.
 * <p>
 * A value the previous type wrote starts with one of its type tags, all below 120, never with
 * {@link #BSON}; such a value is read as before and rewritten as BSON once its page changes, so
 * an existing data file opens unchanged.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    /** Not one of ObjectDataType's tags, which run from 0 to 119. */
    static final byte BSON = (byte) 0xB5;

    /** Heap bytes of an object header plus a reference to it, the unit of the estimate below. */
    private static final int OBJECT = 24;

    private final ObjectDataType previous = new ObjectDataType();

    /**
     * The heap the decoded document takes, roughly: H2 sizes its page cache by it. A walk of the
     * document, cheaper than encoding it; H2 calls it on a sample of each page's values.
     */
    @Override
    public int getMemory(Document document) {
        return (int) Math.min(Integer.MAX_VALUE, memory(document));
    }

    private static long memory(Object value) {
        if (value instanceof Map<?, ?> map) {
            long size = 2L * OBJECT + 16L * map.size();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += 2L * OBJECT + memory(entry.getKey()) + memory(entry.getValue());
            }
            return size;
        }
        if (value instanceof Collection<?> values) {
            long size = 2L * OBJECT + 8L * values.size();
            for (Object element : values) {
                size += memory(element);
            }
            return size;
        }
        if (value instanceof String string) {
            return 2L * OBJECT + string.length();
        }
        if (value instanceof BinData binary) {
            return 2L * OBJECT + binary.getData().length;
        }
        return OBJECT;
    }

    /**
     * Called while H2 serializes a page, inside a commit: an exception here would fail the
     * commit, and every write waiting on it. A document the BSON codec cannot carry (a type the
     * wire never produces, or grown past the 16 MiB BSON limit by updates) is therefore stored
     * as before, Java-serialized, rather than refused.
     */
    @Override
    public void write(WriteBuffer buff, Document document) {
        ByteBuf bson = Unpooled.buffer(256);
        try {
            BsonEncoder.encodeDocument(document, bson);
            if (bson.readableBytes() <= BsonConstants.MAX_BSON_OBJECT_SIZE) {
                buff.put(BSON).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), bson.readableBytes());
                return;
            }
        } catch (IllegalArgumentException | ClassCastException e) {
            // falls through to the previous format
        } finally {
            bson.release();
        }
        previous.write(buff, document);
    }

    @Override
    public Document read(ByteBuffer buff) {
        if (buff.get(buff.position()) != BSON) {
            return (Document) previous.read(buff);
        }
        buff.get();
        ByteBuf bson = Unpooled.wrappedBuffer(buff);
        Document document = BsonDecoder.decodeBson(bson);
        buff.position(buff.position() + bson.readerIndex());
        return document;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
