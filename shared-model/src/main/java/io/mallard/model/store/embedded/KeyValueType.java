package io.mallard.model.store.embedded;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.BsonConstants;
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
    private static final int OBJECT_ID_BYTES = 12;

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

    /**
     * Keys of ids, numbers, dates, booleans, nulls and ASCII strings (every key of the message
     * indexes) are written straight into H2's buffer; other keys go through the BSON codec. Both
     * write the same bytes. A commit serializes every key of each page it rewrites, and encoding
     * them through a Netty buffer apiece was 22% of the commit's samples at 100 IMAP clients.
     */
    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        int length = 0;
        for (Object value : key) {
            int encoded = directLength(value);
            if (encoded < 0) {
                writeThroughCodec(buffer, key);
                return;
            }
            length += encoded;
        }
        buffer.putVarInt(key.size());
        buffer.putVarInt(length);
        for (Object value : key) {
            writeDirect(buffer, value);
        }
    }

    /** The bytes of the value's BSON element without a name, type byte included; -1 for the codec's types. */
    private static int directLength(Object value) {
        if (value == null) {
            return 1;
        }
        if (value instanceof ObjectId) {
            return 1 + OBJECT_ID_BYTES;
        }
        if (value instanceof Long || value instanceof Instant) {
            return 1 + Long.BYTES;
        }
        if (value instanceof Integer) {
            return 1 + Integer.BYTES;
        }
        if (value instanceof Boolean) {
            return 2;
        }
        if (value instanceof String string) {
            for (int i = 0; i < string.length(); i++) {
                if (string.charAt(i) >= 0x80) {
                    return -1;
                }
            }
            return 1 + Integer.BYTES + string.length() + 1;
        }
        return -1;
    }

    /** BSON is little-endian; H2's buffer writes big-endian numbers. */
    private static void writeDirect(WriteBuffer buffer, Object value) {
        if (value == null) {
            buffer.put(BsonConstants.TYPE_NULL);
        } else if (value instanceof ObjectId id) {
            buffer.put(BsonConstants.TYPE_OBJECT_ID).put(id.toByteArray());
        } else if (value instanceof Long number) {
            buffer.put(BsonConstants.TYPE_INT64).putLong(Long.reverseBytes(number));
        } else if (value instanceof Instant instant) {
            buffer.put(BsonConstants.TYPE_UTC_DATETIME).putLong(Long.reverseBytes(instant.toEpochMilli()));
        } else if (value instanceof Integer number) {
            buffer.put(BsonConstants.TYPE_INT32).putInt(Integer.reverseBytes(number));
        } else if (value instanceof Boolean flag) {
            buffer.put(BsonConstants.TYPE_BOOLEAN)
                    .put(flag ? BsonConstants.BOOLEAN_VALUE_TRUE : BsonConstants.BOOLEAN_VALUE_FALSE);
        } else {
            String string = (String) value;
            buffer.put(BsonConstants.TYPE_UTF8_STRING).putInt(Integer.reverseBytes(string.length() + 1));
            for (int i = 0; i < string.length(); i++) {
                buffer.put((byte) string.charAt(i));
            }
            buffer.put(BsonConstants.STRING_TERMINATION);
        }
    }

    static void writeThroughCodec(WriteBuffer buffer, KeyValue key) {
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
