package io.mallard.model.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import io.mallard.model.store.embedded.FieldConditions.Verdict;

/**
 * Whatever {@link FieldConditions} decides, the library's matcher decides the same: random
 * documents against random queries, with values of every kind the stores hold (numbers of three
 * widths, strings, dates, ids, booleans, null, missing fields, embedded documents, and lists of
 * them, empty or holding null, lists or documents).
 */
class FieldConditionsTest {

    private static final ObjectId MAILBOX = new ObjectId();
    private static final ObjectId OTHER = new ObjectId();
    private static final List<Object> VALUES = List.of(0, 1, 2L, 2.0, -0.0, 0.0, 9_007_199_254_740_993L,
            9_007_199_254_740_992.0, "\\Seen", "\\Flagged", "", true, false, MAILBOX, OTHER,
            Instant.ofEpochMilli(1_700_000_000_000L), Instant.ofEpochMilli(1_700_000_000_001L));
    private static final String[] OPERATORS = {"$eq", "$ne", "$gt", "$gte", "$lt", "$lte", "$in", "$nin", "$exists"};
    private static final String[] FIELDS = {"mailbox", "uid", "flags"};

    private final DefaultQueryMatcher library = new DefaultQueryMatcher();
    private final Random random = new Random(20261124);

    @Test
    void everyDecisionIsTheLibrarysOnRandomDocumentsAndQueries() {
        int decided = 0;
        int matched = 0;
        for (int i = 0; i < 200_000; i++) {
            Document document = randomDocument();
            Document query = random.nextBoolean() ? randomQuery() : new Document("$and", List.of(randomQuery(), randomQuery()));
            Verdict verdict = FieldConditions.of(query).check(document);
            boolean expected = library.matches(document, query);
            if (verdict != Verdict.UNDECIDED) {
                decided++;
                matched += expected ? 1 : 0;
                assertThat(verdict == Verdict.MATCH).as("%s against %s", query, document).isEqualTo(expected);
            }
        }
        // most of them are decided here, and both ways
        assertThat(decided).isGreaterThan(100_000);
        assertThat(matched).isGreaterThan(decided / 50);
    }

    @Test
    void aFieldHoldingADocumentAndAQueryOfAnotherShapeAreLeftToTheLibrary() {
        Document listed = new Document("flags", List.of("\\Seen"));
        Document embedded = new Document("flags", new Document("seen", true));
        Document plain = new Document("flags", "\\Seen");

        assertThat(FieldConditions.of(new Document("flags", new Document("$exists", false))).check(listed))
                .isEqualTo(Verdict.UNDECIDED);
        assertThat(FieldConditions.of(new Document("flags", new Document("$ne", "\\Seen"))).check(embedded))
                .isEqualTo(Verdict.UNDECIDED);
        assertThat(FieldConditions.of(new Document("flags.0", "\\Seen")).check(plain)).isEqualTo(Verdict.UNDECIDED);
        assertThat(FieldConditions.of(new Document("$or", List.of(new Document("flags", "\\Seen")))).check(plain))
                .isEqualTo(Verdict.UNDECIDED);
        assertThat(FieldConditions.of(new Document("flags", new Document("$regex", "Se"))).check(plain))
                .isEqualTo(Verdict.UNDECIDED);
        Document belowAll = new Document("flags", new Document("$gt", MinKey.getInstance()));
        assertThat(FieldConditions.of(belowAll).check(new Document())).isEqualTo(Verdict.UNDECIDED);
        assertThat(FieldConditions.of(new Document("flags", "\\Seen")).check(plain)).isEqualTo(Verdict.MATCH);
    }

    private Document randomDocument() {
        Document document = new Document();
        for (String field : FIELDS) {
            int kind = random.nextInt(10);
            if (kind == 0) {
                continue; // missing
            }
            document.put(field, switch (kind) {
                case 1 -> null;
                case 2, 3 -> randomList();
                case 4 -> new Document("seen", randomValue());
                default -> randomValue();
            });
        }
        return document;
    }

    /** Empty, of plain values, with a null, or with a list or a document in it. */
    private List<Object> randomList() {
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            int kind = random.nextInt(12);
            list.add(kind == 0 ? null : kind == 1 ? List.of(randomValue()) : kind == 2 ? new Document("seen", randomValue())
                    : randomValue());
        }
        return list;
    }

    private Document randomQuery() {
        Document query = new Document();
        int conditions = 1 + random.nextInt(3);
        for (int i = 0; i < conditions; i++) {
            String field = FIELDS[random.nextInt(FIELDS.length)];
            if (random.nextInt(3) == 0) {
                query.put(field, random.nextInt(8) == 0 ? null : randomValue());
                continue;
            }
            Document operators = new Document();
            for (int j = 1 + random.nextInt(2); j > 0; j--) {
                String operator = OPERATORS[random.nextInt(OPERATORS.length)];
                operators.put(operator, switch (operator) {
                    case "$in", "$nin" -> Arrays.asList(randomValue(), random.nextInt(6) == 0 ? null : randomValue());
                    case "$exists" -> random.nextBoolean();
                    default -> random.nextInt(10) == 0 ? null : randomValue();
                });
            }
            query.put(field, operators);
        }
        return query;
    }

    private Object randomValue() {
        return VALUES.get(random.nextInt(VALUES.size()));
    }
}
