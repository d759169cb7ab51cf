package io.mallard.model.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.bson.ObjectId;

class DocumentIdTypeTest {

    private final DocumentIdType type = new DocumentIdType();

    @Test
    void anObjectIdIsWrittenAsItsTwelveBytesBehindTheMarker() {
        ObjectId id = new ObjectId();
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, id);
        type.write(buffer, "next");
        ByteBuffer written = buffer.getBuffer().flip();

        assertThat(written.get(0)).isEqualTo(DocumentIdType.OBJECT_ID);
        assertThat(type.read(written)).isEqualTo(id);
        assertThat(written.position()).isEqualTo(13);
        assertThat(type.read(written)).isEqualTo("next");
        assertThat(written.hasRemaining()).isFalse();
    }

    @Test
    void idsWrittenByTheLibrarysObjectDataTypeReadAsBefore() {
        List<Object> ids = List.of(new ObjectId(), "string id", 42, 7L, true);
        WriteBuffer buffer = new WriteBuffer();
        ObjectDataType previous = new ObjectDataType();
        ids.forEach(id -> previous.write(buffer, id));
        ByteBuffer written = buffer.getBuffer().flip();

        List<Object> read = new ArrayList<>();
        while (written.hasRemaining()) {
            read.add(type.read(written));
        }
        assertThat(read).isEqualTo(ids);
    }

    @Test
    void idsAreOrderedAsTheLibrarysObjectDataTypeOrdersThemSoExistingTreesStayValid() {
        List<Object> ids = List.of(new ObjectId(), new ObjectId(), "a", "b", 1, 2, 3L);
        ObjectDataType previous = new ObjectDataType();
        for (Object a : ids) {
            for (Object b : ids) {
                assertThat(Integer.signum(type.compare(a, b))).isEqualTo(Integer.signum(previous.compare(a, b)));
            }
        }
    }
}
