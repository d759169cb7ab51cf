package io.mallard.imap.command.search;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import io.mallard.imap.codec.SearchKey;
import io.mallard.imap.session.SelectedMailbox;
import io.mallard.model.ingest.MailAddress;
import io.mallard.model.ingest.ParsedMessage;
import io.mallard.model.message.Message;

/**
 * Evaluates a {@link SearchKey} on one message (RFC 3501 §6.4.4), over the data ingest stored:
 * flags, dates and size from the message document, addresses and text from the parsed message,
 * which is decoded only when a key needs it. Substring matches ignore case.
 */
final class SearchMatcher {

    private final SelectedMailbox selected;

    SearchMatcher(SelectedMailbox selected) {
        this.selected = selected;
    }

    /** @param headers the message's header block, as text; read only when a HEADER key needs it */
    boolean matches(SearchKey key, Message message, Supplier<ParsedMessage> parsed, String headers) {
        if (key instanceof SearchKey.All) {
            return true;
        }
        if (key instanceof SearchKey.Flag flag) {
            boolean has = message.flags().stream().anyMatch(f -> f.equalsIgnoreCase(flag.flag()));
            return has == flag.present();
        }
        if (key instanceof SearchKey.Header header) {
            return header.addressOrSubject() ? contains(header(header.field(), message, parsed), header.text())
                    : HeaderFields.valueContains(headers, header.field(), header.text());
        }
        if (key instanceof SearchKey.Text text) {
            String body = parsed.get().text();
            return contains(body, text.text()) || (text.includeHeaders() && (contains(message.subject(), text.text())
                    || contains(addresses(parsed.get().from()), text.text())
                    || contains(addresses(parsed.get().to()), text.text())));
        }
        if (key instanceof SearchKey.Date date) {
            return date(date, message, parsed);
        }
        if (key instanceof SearchKey.Size size) {
            return size.larger() ? message.size() > size.bytes() : message.size() < size.bytes();
        }
        if (key instanceof SearchKey.Sequence sequence) {
            return sequence.uid() ? sequence.set().contains(message.uid(), selected.lastUid())
                    : sequence.set().contains(selected.sequenceOf(message.uid()), selected.exists());
        }
        if (key instanceof SearchKey.Not not) {
            return !matches(not.key(), message, parsed, headers);
        }
        if (key instanceof SearchKey.Or or) {
            return matches(or.left(), message, parsed, headers) || matches(or.right(), message, parsed, headers);
        }
        return ((SearchKey.And) key).keys().stream().allMatch(k -> matches(k, message, parsed, headers));
    }

    private static String header(String field, Message message, Supplier<ParsedMessage> parsed) {
        return switch (field) {
            case "SUBJECT" -> message.subject();
            case "FROM" -> addresses(parsed.get().from());
            case "TO" -> addresses(parsed.get().to());
            case "CC" -> addresses(parsed.get().cc());
            default -> addresses(parsed.get().bcc());
        };
    }

    /** RFC 3501 §6.4.4: dates compare by day, disregarding time and timezone. */
    private static boolean date(SearchKey.Date key, Message message, Supplier<ParsedMessage> parsed) {
        java.time.Instant instant = key.sent() ? parsed.get().date() : message.internalDate();
        if (instant == null) {
            return false;
        }
        LocalDate day = instant.atZone(ZoneOffset.UTC).toLocalDate();
        return switch (key.relation()) {
            case BEFORE -> day.isBefore(key.date());
            case ON -> day.equals(key.date());
            case SINCE -> !day.isBefore(key.date());
        };
    }

    private static String addresses(List<MailAddress> addresses) {
        StringBuilder text = new StringBuilder();
        for (MailAddress address : addresses) {
            text.append(address.name() == null ? "" : address.name()).append(" <").append(address.address()).append("> ");
        }
        return text.toString();
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle.toLowerCase(Locale.ROOT));
    }
}
