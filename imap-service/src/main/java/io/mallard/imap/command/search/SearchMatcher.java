package io.mallard.imap.command.search;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.mallard.imap.codec.SearchKey;
import io.mallard.imap.session.SelectedMailbox;
import io.mallard.model.ingest.MailAddress;
import io.mallard.model.ingest.ParsedMessage;
import io.mallard.model.message.Message;

/**
 * Evaluates a {@link SearchKey} on one message (RFC 3501 §6.4.4), over what ingest stored: flags,
 * dates and size from the message document; addresses, subject and body text decoded at ingest;
 * other header fields from the raw header block, decoded here. Substring matches ignore case.
 * The store sends only the parsed fields {@link MessageSearch} asks for: a key that reads another
 * one from {@link Candidate#parsed} must be added to {@code MessageSearch.parsedFieldsMatched},
 * or it sees that field empty.
 */
final class SearchMatcher {

    private final SelectedMailbox selected;
    private final Instant now;

    /** @param now the instant WITHIN counts back from, the same for the whole command */
    SearchMatcher(SelectedMailbox selected, Instant now) {
        this.selected = selected;
        this.now = now;
    }

    boolean matches(SearchKey key, Candidate candidate) {
        Message message = candidate.message();
        if (key instanceof SearchKey.All) {
            return true;
        }
        if (key instanceof SearchKey.Flag flag) {
            return message.flags().stream().anyMatch(f -> f.equalsIgnoreCase(flag.flag())) == flag.present();
        }
        if (key instanceof SearchKey.Header header) {
            return header.addressOrSubject() ? SearchText.contains(header(header.field(), candidate), header.text())
                    : candidate.headers().contains(header.field(), header.text());
        }
        if (key instanceof SearchKey.Text text) {
            return SearchText.contains(candidate.parsed().text(), text.text())
                    || (text.includeHeaders() && candidate.headers().anyContains(text.text()));
        }
        if (key instanceof SearchKey.Date date) {
            return date(date, date.sent() ? SentDate.day(candidate.parsed(), message)
                    : message.internalDate().atZone(ZoneOffset.UTC).toLocalDate());
        }
        if (key instanceof SearchKey.Size size) {
            return size.larger() ? message.size() > size.bytes() : message.size() < size.bytes();
        }
        if (key instanceof SearchKey.Within within) {
            return within.older() == message.internalDate().isBefore(cutoff(now, within));
        }
        if (key instanceof SearchKey.Modseq modseq) {
            return message.modseq() >= modseq.modseq();
        }
        if (key instanceof SearchKey.Sequence sequence) {
            if (sequence.set().saved()) {
                return selected.savedContains(message.uid());
            }
            return sequence.uid() ? sequence.set().contains(message.uid(), selected.lastUid())
                    : sequence.set().contains(selected.sequenceOf(message.uid()), selected.exists());
        }
        if (key instanceof SearchKey.Not not) {
            return !matches(not.key(), candidate);
        }
        if (key instanceof SearchKey.Or or) {
            return matches(or.left(), candidate) || matches(or.right(), candidate);
        }
        return ((SearchKey.And) key).keys().stream().allMatch(k -> matches(k, candidate));
    }

    /** Longest interval WITHIN counts back, about 31,700 years: any longer one means the same here. */
    private static final long MAX_INTERVAL = 1_000_000_000_000L;

    /** RFC 5032: the instant {@code interval} seconds before {@code now}; OLDER is before it. */
    static Instant cutoff(Instant now, SearchKey.Within within) {
        return now.minusSeconds(Math.min(within.seconds(), MAX_INTERVAL));
    }

    /** FROM, TO, CC, BCC as the decoded "name <address>" of each address; SUBJECT decoded. */
    private static String header(String field, Candidate candidate) {
        if (field.equals("SUBJECT")) {
            // the message's own field: a search on it reads no parsed content
            return candidate.message().subject();
        }
        ParsedMessage parsed = candidate.parsed();
        return switch (field) {
            case "FROM" -> addresses(parsed.from());
            case "TO" -> addresses(parsed.to());
            case "CC" -> addresses(parsed.cc());
            default -> addresses(parsed.bcc());
        };
    }

    /** RFC 3501 §6.4.4: dates compare by day, disregarding time and timezone. */
    private static boolean date(SearchKey.Date key, LocalDate day) {
        return switch (key.relation()) {
            case BEFORE -> day.isBefore(key.date());
            case ON -> day.equals(key.date());
            case SINCE -> !day.isBefore(key.date());
        };
    }

    private static String addresses(List<MailAddress> addresses) {
        StringBuilder text = new StringBuilder();
        for (MailAddress address : addresses) {
            text.append(address.name() == null ? "" : address.name()).append(" <")
                    .append(address.address() == null ? "" : address.address()).append("> ");
        }
        return text.toString();
    }
}
