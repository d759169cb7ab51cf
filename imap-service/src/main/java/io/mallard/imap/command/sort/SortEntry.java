package io.mallard.imap.command.sort;

import java.util.Comparator;
import java.util.List;

import io.mallard.imap.codec.SortCriterion;
import io.mallard.imap.command.search.SentDate;
import io.mallard.model.ingest.MailAddress;
import io.mallard.model.ingest.ParsedMessage;
import io.mallard.model.message.Message;

/**
 * What SORT keeps of one matching message: its numbers and the value of each sort criterion, so
 * the message document can be dropped as soon as it is read.
 */
record SortEntry(long uid, int sequence, Comparable<?>[] values) {

    static SortEntry of(Message message, ParsedMessage parsed, int sequence, List<SortCriterion> criteria) {
        Comparable<?>[] values = new Comparable<?>[criteria.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(criteria.get(i).key(), message, parsed);
        }
        return new SortEntry(message.uid(), sequence, values);
    }

    /** RFC 5256 §3 and RFC 5957 §3: the value a message sorts by under one key. */
    private static Comparable<?> value(SortCriterion.Key key, Message message, ParsedMessage parsed) {
        return switch (key) {
            case ARRIVAL -> message.internalDate();
            case DATE -> SentDate.instant(parsed, message);
            case SIZE -> message.size();
            case SUBJECT -> BaseSubject.of(message.subject()).text();
            case FROM -> mailbox(parsed.from());
            case TO -> mailbox(parsed.to());
            case CC -> mailbox(parsed.cc());
            case DISPLAYFROM -> display(parsed.from());
            case DISPLAYTO -> display(parsed.to());
        };
    }

    /** The [IMAP] addr-mailbox (local part) of the first address; empty when there is none. */
    private static String mailbox(List<MailAddress> addresses) {
        if (addresses.isEmpty() || addresses.get(0).address() == null) {
            return "";
        }
        String address = addresses.get(0).address();
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at);
    }

    /** RFC 5957 §3: the decoded display name of the first address, else its addr-spec. */
    private static String display(List<MailAddress> addresses) {
        if (addresses.isEmpty()) {
            return "";
        }
        MailAddress first = addresses.get(0);
        return first.name() != null && !first.name().isBlank() ? first.name()
                : first.address() == null ? "" : first.address();
    }

    /**
     * The criteria in order, REVERSE turning one criterion round; equal messages keep mailbox order
     * (sequence numbers), which REVERSE does not touch (RFC 5256 §3).
     */
    static Comparator<SortEntry> order(List<SortCriterion> criteria) {
        Comparator<SortEntry> order = (a, b) -> 0;
        for (int i = 0; i < criteria.size(); i++) {
            int index = i;
            Comparator<SortEntry> one = (a, b) -> compare(a.values[index], b.values[index]);
            order = order.thenComparing(criteria.get(i).reverse() ? one.reversed() : one);
        }
        return order.thenComparingInt(SortEntry::sequence);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Comparable<?> a, Comparable<?> b) {
        if (a instanceof String x && b instanceof String y) {
            return AsciiCasemap.compare(x, y);
        }
        return ((Comparable) a).compareTo(b);
    }
}
