package io.mallard.imap.command.search;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.mallard.imap.codec.SearchKey;
import io.mallard.imap.codec.SequenceSet;
import io.mallard.imap.session.SelectedMailbox;
import io.mallard.model.message.MessageCriteria;

/**
 * The part of a search the store evaluates: flags, UID and sequence ranges, sizes, internal dates,
 * WITHIN and MODSEQ exactly; sent dates as a window one day wider than any time zone can shift them,
 * and ASCII address and subject text as a case-insensitive match that the matcher confirms. Other
 * header and text keys stay with {@link SearchMatcher}. A key that cannot be pushed becomes "any
 * message", so the store returns a superset and the matcher decides; when every key is exact, the
 * matcher is skipped.
 */
final class SearchPushdown {

    /** @param exact the criteria select exactly the matching messages */
    record Pushed(MessageCriteria criteria, boolean exact) {
    }

    private static final Pushed UNKNOWN = new Pushed(MessageCriteria.ANY, false);
    // RFC 5322 zones lie between -1200 and +1400: a Date header's own day is within this of UTC's.
    private static final Duration ZONE_SPREAD = Duration.ofHours(14);

    private final SelectedMailbox selected;
    private final Instant now;

    SearchPushdown(SelectedMailbox selected, Instant now) {
        this.selected = selected;
        this.now = now;
    }

    Pushed of(SearchKey key) {
        if (key instanceof SearchKey.All) {
            return new Pushed(MessageCriteria.ANY, true);
        }
        if (key instanceof SearchKey.Flag flag) {
            return new Pushed(MessageCriteria.flag(flag.flag(), flag.present()), true);
        }
        if (key instanceof SearchKey.Size size) {
            if (size.larger()) {
                return new Pushed(size.bytes() == Long.MAX_VALUE ? MessageCriteria.NONE
                        : MessageCriteria.size(size.bytes() + 1, Long.MAX_VALUE), true);
            }
            return new Pushed(size.bytes() == 0 ? MessageCriteria.NONE : MessageCriteria.size(0, size.bytes() - 1), true);
        }
        if (key instanceof SearchKey.Date date) {
            return date.sent() ? sentDate(date) : new Pushed(internalDate(date), true);
        }
        if (key instanceof SearchKey.Modseq modseq) {
            return new Pushed(MessageCriteria.modseq(modseq.modseq()), true);
        }
        if (key instanceof SearchKey.Within within) {
            Instant cutoff = SearchMatcher.cutoff(now, within);
            return new Pushed(within.older() ? MessageCriteria.internalDate(null, cutoff)
                    : MessageCriteria.internalDate(cutoff, null), true);
        }
        if (key instanceof SearchKey.Sequence sequence) {
            return sequence(sequence);
        }
        if (key instanceof SearchKey.Header header && header.addressOrSubject()) {
            return addressOrSubject(header);
        }
        if (key instanceof SearchKey.Not not) {
            Pushed inner = of(not.key());
            return inner.exact() ? new Pushed(MessageCriteria.not(inner.criteria()), true) : UNKNOWN;
        }
        if (key instanceof SearchKey.Or or) {
            // Either side's superset ORed is a superset of the OR.
            Pushed left = of(or.left());
            Pushed right = of(or.right());
            return new Pushed(MessageCriteria.or(List.of(left.criteria(), right.criteria())), left.exact() && right.exact());
        }
        if (key instanceof SearchKey.And and) {
            List<Pushed> parts = and.keys().stream().map(this::of).toList();
            return new Pushed(MessageCriteria.and(parts.stream().map(Pushed::criteria).toList()),
                    parts.stream().allMatch(Pushed::exact));
        }
        return UNKNOWN;
    }

    /**
     * SUBJECT, FROM, TO and CC as the store's case-insensitive match on the fields
     * {@link SearchMatcher} reads, so that a search reads only the candidates rather than every
     * message; TO and CC both look at To and Cc, a superset the matcher narrows. Only for ASCII
     * text: the store folds case by Unicode character (Java's {@code UNICODE_CASE}, MongoDB's
     * {@code i}), which then finds at least what {@link SearchText}'s lower-casing finds (the Kelvin
     * sign and a dotted capital I lower-case to ASCII letters, and match them). An address text
     * with a space or an angle bracket could straddle a name and its address in the matcher's
     * {@code name <address>}, so it stays with the matcher.
     */
    private static Pushed addressOrSubject(SearchKey.Header header) {
        String text = header.text();
        if (text.isEmpty() || !text.chars().allMatch(c -> c < 0x80)) {
            return UNKNOWN;
        }
        boolean withinOneAddress = text.chars().noneMatch(c -> c == ' ' || c == '<' || c == '>');
        return switch (header.field()) {
            case "SUBJECT" -> new Pushed(MessageCriteria.subject(text), false);
            case "FROM" -> withinOneAddress ? new Pushed(MessageCriteria.from(text), false) : UNKNOWN;
            case "TO", "CC" -> withinOneAddress ? new Pushed(MessageCriteria.recipient(text), false) : UNKNOWN;
            default -> UNKNOWN;
        };
    }

    /** RFC 3501 §6.4.4 on the internal date, by its UTC day, the day FETCH INTERNALDATE shows. */
    private static MessageCriteria internalDate(SearchKey.Date date) {
        Instant day = start(date.date());
        Instant next = start(date.date().plusDays(1));
        return switch (date.relation()) {
            case BEFORE -> MessageCriteria.internalDate(null, day);
            case ON -> MessageCriteria.internalDate(day, next);
            case SINCE -> MessageCriteria.internalDate(day, null);
        };
    }

    private static Pushed sentDate(SearchKey.Date date) {
        Instant from = start(date.date()).minus(ZONE_SPREAD);
        Instant to = start(date.date().plusDays(1)).plus(ZONE_SPREAD);
        return new Pushed(switch (date.relation()) {
            case BEFORE -> MessageCriteria.sentDateOrUnknown(null, start(date.date()).plus(ZONE_SPREAD));
            case ON -> MessageCriteria.sentDateOrUnknown(from, to);
            case SINCE -> MessageCriteria.sentDateOrUnknown(from, null);
        }, false);
    }

    /** Sequence ranges become the UID ranges between the UIDs at their ends, in the session's map. */
    private Pushed sequence(SearchKey.Sequence sequence) {
        SequenceSet set = sequence.set();
        if (set.saved()) {
            return UNKNOWN;
        }
        List<MessageCriteria> ranges = new ArrayList<>();
        for (SequenceSet.Range range : set.ranges()) {
            if (sequence.uid()) {
                ranges.add(MessageCriteria.uids(range.low(selected.lastUid()), range.high(selected.lastUid())));
                continue;
            }
            long low = range.low(selected.exists());
            long high = Math.min(range.high(selected.exists()), selected.exists());
            if (low >= 1 && low <= high) {
                ranges.add(MessageCriteria.uids(selected.uidAt((int) low), selected.uidAt((int) high)));
            }
        }
        return new Pushed(MessageCriteria.or(ranges), true);
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
