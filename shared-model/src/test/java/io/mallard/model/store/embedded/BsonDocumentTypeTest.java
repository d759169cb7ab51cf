package io.mallard.model.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

class BsonDocumentTypeTest {

    private final BsonDocumentType type = new BsonDocumentType();

    @Test
    void aDocumentIsWrittenAsBsonBehindTheMarkerAndReadBackWithTheBufferPastIt() {
        Document document = new Document("_id", new ObjectId()).append("uid", 7).append("modseq", 9L)
                .append("flags", List.of("\\Seen")).append("date", Instant.ofEpochMilli(1_700_000_000_123L))
                .append("body", new BinData(new byte[] {1, 2, 3}));
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, document);
        type.write(buffer, new Document("next", true));
        ByteBuffer written = buffer.getBuffer().flip();

        assertThat(written.get(0)).isEqualTo(BsonDocumentType.BSON);
        assertThat(type.read(written)).isEqualTo(document);
        assertThat(type.read(written)).isEqualTo(new Document("next", true));
        assertThat(written.hasRemaining()).isFalse();
    }

    @Test
    void aDocumentWrittenByTheLibrarysObjectDataTypeReadsAsBefore() {
        Document document = new Document("_id", new ObjectId()).append("uid", 7).append("flags", List.of("\\Seen"));
        WriteBuffer buffer = new WriteBuffer();
        new ObjectDataType().write(buffer, document);

        assertThat(type.read(buffer.getBuffer().flip())).isEqualTo(document);
    }

    @Test
    void aValueTheBsonEncoderRefusesIsStoredInTheLibrarysFormatInsteadOfFailingTheCommit() {
        Document document = new Document("_id", 1).append("amount", new BigDecimal("1.50"));
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, document);
        ByteBuffer written = buffer.getBuffer().flip();

        assertThat(written.get(0)).isNotEqualTo(BsonDocumentType.BSON);
        assertThat(type.read(written)).isEqualTo(document);
    }

    @Test
    void theMemoryEstimateGrowsWithTheDocumentsContent() {
        Document small = new Document("_id", 1).append("subject", "hi");
        Document large = new Document("_id", 1).append("subject", "hi").append("body", new BinData(new byte[50_000]));

        assertThat(type.getMemory(small)).isBetween(50, 1_000);
        assertThat(type.getMemory(large)).isGreaterThan(50_000);
    }
}
