package io.mallard.lmtp.filter;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.mallard.model.filter.FilterQuery;
import io.mallard.model.ingest.MailAddress;
import io.mallard.model.ingest.ParsedMessage;

/** Whether a parsed message meets every condition of a filter query (WildDuck's semantics). */
final class FilterMatcher {

    private FilterMatcher() {
    }

    static boolean matches(FilterQuery query, ParsedMessage message) {
        return contains(query.from(), addresses(message.from()))
                && contains(query.to(), addresses(Stream.concat(message.to().stream(), message.cc().stream()).toList()))
                && contains(query.subject(), message.subject())
                && contains(query.listId(), message.listId())
                && (blank(query.text()) || TextQuery.parse(query.text())
                        .matches(nullToEmpty(message.subject()) + "\n" + nullToEmpty(message.text())))
                && (query.hasAttachment() == null || query.hasAttachment() == message.hasAttachments())
                && size(query.size(), message.size());
    }

    /** Positive: larger than; negative: smaller than the absolute value; 0 or null: any. */
    private static boolean size(Long limit, long size) {
        if (limit == null || limit == 0) {
            return true;
        }
        return limit > 0 ? size > limit : size < -limit;
    }

    private static boolean contains(String wanted, String value) {
        return blank(wanted) || value != null
                && value.toLowerCase(Locale.ROOT).contains(wanted.trim().toLowerCase(Locale.ROOT));
    }

    private static String addresses(List<MailAddress> addresses) {
        StringBuilder text = new StringBuilder();
        for (MailAddress address : addresses) {
            text.append(nullToEmpty(address.name())).append(" <").append(nullToEmpty(address.address())).append(">\n");
        }
        return text.toString();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
