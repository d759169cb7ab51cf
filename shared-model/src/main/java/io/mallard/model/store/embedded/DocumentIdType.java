package io.mallard.model.store.embedded;

import java.nio.ByteBuffer;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * H2's default type for the documents' ids (the data maps' keys, the index maps' values), except
 * that an {@link ObjectId} is written as its 12 bytes behind a marker. The default
 * Java-serializes it, with a fresh object stream and class descriptor per id: with documents
 * stored as BSON, that was what remained of Java serialization in a commit (a fifth of the
 * samples of a run of durable inserts). The order is the default's, so the B-trees of an existing
 * file stay valid, and ids it wrote still read.
 */
final class DocumentIdType extends ObjectDataType {

    /** Not one of ObjectDataType's tags, which run from 0 to 119. */
    static final byte OBJECT_ID = (byte) 0xB6;

    private static final int OBJECT_ID_BYTES = 12;

    /**
     * What the default answers for two ObjectIds (their {@code compareTo}, as for any two
     * comparables of one class), without the type object it allocates per comparison: 2% of the
     * IMAP benchmark's samples, in the binary searches of every map lookup.
     */
    @Override
    public int compare(Object a, Object b) {
        if (a instanceof ObjectId first && b instanceof ObjectId second) {
            return first.compareTo(second);
        }
        return super.compare(a, b);
    }

    @Override
    public void write(WriteBuffer buff, Object value) {
        if (value instanceof ObjectId id) {
            buff.put(OBJECT_ID).put(id.toByteArray());
        } else {
            super.write(buff, value);
        }
    }

    @Override
    public Object read(ByteBuffer buff) {
        if (buff.get(buff.position()) != OBJECT_ID) {
            return super.read(buff);
        }
        buff.get();
        byte[] id = new byte[OBJECT_ID_BYTES];
        buff.get(id);
        return new ObjectId(id);
    }

    /** The object, its 12-byte array and a reference, as H2 sizes its page cache by it. */
    @Override
    public int getMemory(Object value) {
        return value instanceof ObjectId ? 64 : super.getMemory(value);
    }
}
