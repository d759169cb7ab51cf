package io.mallard.model.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * Index keys written straight into H2's buffer are byte for byte what the BSON codec writes, so
 * index maps written before read the same, and every key reads back as itself.
 */
class KeyValueTypeTest {

    private final KeyValueType type = new KeyValueType();

    @Test
    void theKeysOfTheMessageIndexesAreWrittenAsTheCodecWritesThem() {
        ObjectId mailbox = new ObjectId();
        ObjectId id = new ObjectId();
        List<KeyValue> keys = List.of(
                key(mailbox, 42L, id),
                key(mailbox, "\\Seen", id),
                key(mailbox, null, 7L, id),
                key(new ObjectId(), "<m1@example.com>", id),
                key(Instant.ofEpochMilli(1_764_000_000_123L), id),
                key(mailbox, 3, true, false, ""),
                key(Long.MIN_VALUE, Integer.MAX_VALUE, -1L));

        for (KeyValue key : keys) {
            assertThat(written(key)).as("%s", key).isEqualTo(writtenThroughCodec(key));
            assertThat(readBack(written(key))).isEqualTo(key);
        }
    }

    @Test
    void keysOtherThanIdsNumbersDatesAndAsciiTextGoThroughTheCodec() {
        for (KeyValue key : List.of(key("Grüße", 1L), key(2.5, new ObjectId()), key(List.of("a", "b")))) {
            assertThat(written(key)).isEqualTo(writtenThroughCodec(key));
            assertThat(readBack(written(key))).isEqualTo(key);
        }
    }

    private static KeyValue key(Object... values) {
        return new KeyValue(Arrays.asList(values));
    }

    private byte[] written(KeyValue key) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, key);
        return bytes(buffer);
    }

    private static byte[] writtenThroughCodec(KeyValue key) {
        WriteBuffer buffer = new WriteBuffer();
        KeyValueType.writeThroughCodec(buffer, key);
        return bytes(buffer);
    }

    private KeyValue readBack(byte[] written) {
        ByteBuffer buffer = ByteBuffer.wrap(written);
        KeyValue key = type.read(buffer);
        assertThat(buffer.hasRemaining()).isFalse();
        return key;
    }

    private static byte[] bytes(WriteBuffer buffer) {
        ByteBuffer written = buffer.getBuffer().flip();
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);
        return bytes;
    }
}
