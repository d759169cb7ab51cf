package io.mallard.lmtp.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.mallard.model.filter.Filter;
import io.mallard.model.filter.FilterAction;
import io.mallard.model.filter.FilterQuery;
import io.mallard.model.ingest.MessageParser;
import io.mallard.model.ingest.ParsedMessage;

/** Each filter condition against parsed messages, and how matching filters' actions merge. */
class FilterMatcherTest {

    private static final ParsedMessage PLAIN = parse("From: \"Ann Smith\" <ann@shop.example>\r\n"
            + "To: bob@example.com\r\nCc: Carol <carol@example.org>\r\nSubject: Your invoice 42\r\n"
            + "List-ID: Deals <deals.shop.example>\r\n\r\nThe due date is Friday. Pay by card.\r\n");
    private static final ParsedMessage WITH_ATTACHMENT = parse("From: x@y.example\r\nSubject: files\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
            + "see attached\r\n--b\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename=a.pdf\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n--b--\r\n");

    private static ParsedMessage parse(String raw) {
        return new MessageParser().parse(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static FilterQuery query(String from, String to, String subject, String listId, String text,
            Boolean attachment, Long size) {
        return new FilterQuery(from, to, subject, listId, text, attachment, size);
    }

    static Stream<Arguments> conditions() {
        return Stream.of(
                Arguments.of(query("ann@shop", null, null, null, null, null, null), PLAIN, true),
                Arguments.of(query("ANN SMITH", null, null, null, null, null, null), PLAIN, true),
                Arguments.of(query("bob", null, null, null, null, null, null), PLAIN, false),
                Arguments.of(query(null, "bob@example.com", null, null, null, null, null), PLAIN, true),
                Arguments.of(query(null, "carol", null, null, null, null, null), PLAIN, true),
                Arguments.of(query(null, "dave", null, null, null, null, null), PLAIN, false),
                Arguments.of(query(null, null, "invoice", null, null, null, null), PLAIN, true),
                Arguments.of(query(null, null, "receipt", null, null, null, null), PLAIN, false),
                Arguments.of(query(null, null, null, "deals.shop.example", null, null, null), PLAIN, true),
                Arguments.of(query(null, null, null, "other.list", null, null, null), WITH_ATTACHMENT, false),
                Arguments.of(query(null, null, null, null, "friday card", null, null), PLAIN, true),
                Arguments.of(query(null, null, null, null, "friday refund", null, null), PLAIN, false),
                Arguments.of(query(null, null, null, null, "refund OR \"due date\"", null, null), PLAIN, true),
                Arguments.of(query(null, null, null, null, "\"date due\"", null, null), PLAIN, false),
                Arguments.of(query(null, null, null, null, "invoice", null, null), PLAIN, true),
                Arguments.of(query(null, null, null, null, null, true, null), WITH_ATTACHMENT, true),
                Arguments.of(query(null, null, null, null, null, true, null), PLAIN, false),
                Arguments.of(query(null, null, null, null, null, false, null), PLAIN, true),
                Arguments.of(query(null, null, null, null, null, null, 100L), PLAIN, true),
                Arguments.of(query(null, null, null, null, null, null, 100_000L), PLAIN, false),
                Arguments.of(query(null, null, null, null, null, null, -100_000L), PLAIN, true),
                Arguments.of(query(null, null, null, null, null, null, -100L), PLAIN, false),
                Arguments.of(query("ann", "bob", "invoice", "deals", "due", false, 10L), PLAIN, true),
                Arguments.of(query("ann", "bob", "invoice", "deals", "due", true, 10L), PLAIN, false));
    }

    @ParameterizedTest
    @MethodSource("conditions")
    void matchesEveryConditionGiven(FilterQuery query, ParsedMessage message, boolean matches) {
        assertThat(FilterMatcher.matches(query, message)).isEqualTo(matches);
    }

    @Test
    void actionsOfMatchingEnabledFiltersMergeInOrder() {
        FilterQuery invoice = query(null, null, "invoice", null, null, null, null);
        ObjectId bills = new ObjectId();
        ObjectId later = new ObjectId();
        List<Filter> filters = List.of(
                filter(invoice, new FilterAction(true, false, false, false, bills, List.of("a@x.example"), null), false),
                filter(query("nobody", null, null, null, null, null, null),
                        new FilterAction(false, false, true, false, null, null, null), false),
                filter(invoice, new FilterAction(false, true, false, false, later, List.of("b@x.example"),
                        List.of("https://hook.example/in")), false),
                filter(invoice, new FilterAction(false, false, true, true, null, null, null), true));

        FilterPlan plan = FilterPlan.of(filters, PLAIN);

        assertThat(plan).isEqualTo(new FilterPlan(true, true, false, false, bills, List.of("a@x.example", "b@x.example"),
                List.of("https://hook.example/in")));
        assertThat(plan.flags()).containsExactly("\\Seen", "\\Flagged");
        assertThat(FilterPlan.of(filters, WITH_ATTACHMENT)).isEqualTo(FilterPlan.NONE);
    }

    private static Filter filter(FilterQuery query, FilterAction action, boolean disabled) {
        return new Filter(null, null, "f", query, action, disabled, null);
    }
}
