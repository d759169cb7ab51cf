package io.mallard.model.store.embedded;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * How index keys are ordered and stored in H2. The library's index maps leave {@link KeyValue}
 * to H2's default type: as it is not {@link Comparable}, H2 orders the keys by their
 * Java-serialized bytes (no relation to the values, so no range scans) and writes each key as a
 * Java-serialization stream, class descriptors included. Here keys are ordered the way MongoDB
 * orders values, field by field, and stored as BSON elements.
 */
final class KeyValueType extends BasicDataType<KeyValue> {

    private static final Comparator<Object> VALUES = ValueComparator.ascWithoutListHandling();

    @Override
    public int compare(KeyValue a, KeyValue b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int order = VALUES.compare(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        if (a.size() == b.size()) {
            return 0;
        }
        // Only a range bound is longer than the stored keys: its padding says on which side of the
        // keys that share its prefix it lies (MinKey before them, MaxKey after them).
        boolean aLonger = a.size() > b.size();
        Object padding = (aLonger ? a : b).get(common);
        int longerFirst = padding instanceof MinKey ? -1 : 1;
        return aLonger ? longerFirst : -longerFirst;
    }

    /** A rough estimate, as H2 only uses it to size its page cache. */
    @Override
    public int getMemory(KeyValue key) {
        return 48 + 32 * key.size();
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        ByteBuf encoded = Unpooled.buffer();
        try {
            for (Object value : key) {
                byte type = BsonEncoder.determineType(value);
                encoded.writeByte(type);
                BsonEncoder.encodeValue(type, value, encoded);
            }
            buffer.putVarInt(key.size());
            buffer.putVarInt(encoded.readableBytes());
            buffer.put(encoded.nioBuffer());
        } finally {
            encoded.release();
        }
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        int size = DataUtils.readVarInt(buffer);
        int length = DataUtils.readVarInt(buffer);
        ByteBuf encoded = Unpooled.wrappedBuffer(buffer.slice().limit(length));
        buffer.position(buffer.position() + length);
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(BsonDecoder.decodeValue(encoded.readByte(), encoded));
        }
        return new KeyValue(values);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }
}
