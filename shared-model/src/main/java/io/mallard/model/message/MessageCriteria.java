package io.mallard.model.message;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import com.mongodb.client.model.Filters;

/**
 * A condition on stored messages that MongoDB evaluates itself, so that a search reads only the
 * documents that can match instead of every document of the mailbox. Field names stay here, in the
 * storage layer; callers combine conditions with {@link #and}, {@link #or} and {@link #not}.
 * {@link #ANY} matches every message and adds nothing to a query.
 */
public final class MessageCriteria {

    public static final MessageCriteria ANY = new MessageCriteria(null);
    public static final MessageCriteria NONE = new MessageCriteria(Filters.in("_id", List.of()));

    private static final String PARSED = "content.parsed.";
    private static final String SENT_DATE = PARSED + "date";

    private final Bson filter;

    private MessageCriteria(Bson filter) {
        this.filter = filter;
    }

    /**
     * A flag set or not set. System flags are stored in their canonical spelling; keywords as a
     * client wrote them, so a keyword compares without regard to case (RFC 9051 §2.3.2).
     */
    public static MessageCriteria flag(String flag, boolean present) {
        if (flag.startsWith("\\")) {
            // $ne rather than $nor of $eq, the same on a list: the embedded store decides it without the library's matcher
            return new MessageCriteria(present ? Filters.eq("flags", flag) : Filters.ne("flags", flag));
        }
        Bson has = Filters.regex("flags", Pattern.compile("^" + Pattern.quote(flag) + "$", Pattern.CASE_INSENSITIVE));
        return new MessageCriteria(present ? has : Filters.nor(has));
    }

    /** UIDs from {@code low} to {@code high}, both included. */
    public static MessageCriteria uids(long low, long high) {
        return new MessageCriteria(Filters.and(Filters.gte("uid", low), Filters.lte("uid", high)));
    }

    /** RFC 7162 §3.1.5 SEARCH MODSEQ: a MODSEQ of at least {@code min}. */
    public static MessageCriteria modseq(long min) {
        return new MessageCriteria(Filters.gte("modseq", min));
    }

    /** RFC 822 size from {@code min} to {@code max} octets, both included. */
    public static MessageCriteria size(long min, long max) {
        return new MessageCriteria(Filters.and(Filters.gte("size", min), Filters.lte("size", max)));
    }

    /** Internal date in {@code [from, to)}; a {@code null} end is open. */
    public static MessageCriteria internalDate(Instant from, Instant to) {
        return new MessageCriteria(between("idate", from, to));
    }

    /**
     * The Date header's instant in {@code [from, to)}, or no readable Date header at all: those
     * messages are kept for the caller, who decides by another date (RFC 5256 §2.2 falls back to
     * the internal date).
     */
    public static MessageCriteria sentDateOrUnknown(Instant from, Instant to) {
        return new MessageCriteria(Filters.or(between(SENT_DATE, from, to), Filters.eq(SENT_DATE, null)));
    }

    /** The message has attachments, or has none. */
    public static MessageCriteria attachments(boolean present) {
        Bson has = Filters.eq(PARSED + "hasAttachments", true);
        return new MessageCriteria(present ? has : Filters.nor(has));
    }

    /** The message belongs to the conversation. */
    public static MessageCriteria thread(ObjectId thread) {
        return new MessageCriteria(Filters.eq("thread", thread));
    }

    /** {@code text} in the From name or address, case-insensitive. */
    public static MessageCriteria from(String text) {
        return contains(text, PARSED + "from.name", PARSED + "from.address");
    }

    /** {@code text} in a To or Cc name or address, case-insensitive. */
    public static MessageCriteria recipient(String text) {
        return contains(text, PARSED + "to.name", PARSED + "to.address", PARSED + "cc.name", PARSED + "cc.address");
    }

    /** {@code text} in the decoded subject, case-insensitive. */
    public static MessageCriteria subject(String text) {
        return contains(text, "subject");
    }

    /** {@code text} anywhere a reader looks: subject, From, To, Cc or the searchable body text. */
    public static MessageCriteria anywhere(String text) {
        return or(List.of(subject(text), from(text), recipient(text), contains(text, PARSED + "text")));
    }

    public static MessageCriteria and(List<MessageCriteria> all) {
        List<Bson> filters = all.stream().map(c -> c.filter).filter(f -> f != null).toList();
        if (all.contains(NONE)) {
            return NONE;
        }
        return filters.isEmpty() ? ANY : new MessageCriteria(filters.size() == 1 ? filters.get(0) : Filters.and(filters));
    }

    public static MessageCriteria or(List<MessageCriteria> any) {
        if (any.contains(ANY)) {
            return ANY;
        }
        List<Bson> filters = any.stream().filter(c -> c != NONE).map(c -> c.filter).toList();
        return filters.isEmpty() ? NONE : new MessageCriteria(filters.size() == 1 ? filters.get(0) : Filters.or(filters));
    }

    public static MessageCriteria not(MessageCriteria criteria) {
        if (criteria == ANY) {
            return NONE;
        }
        return criteria == NONE ? ANY : new MessageCriteria(Filters.nor(criteria.filter));
    }

    /** The filter to add to a query, or {@code null} for none. */
    Bson filter() {
        return filter;
    }

    /** The text as a literal, case-insensitive (Unicode), in any of the fields. */
    private static MessageCriteria contains(String text, String... fields) {
        Pattern pattern = Pattern.compile(Pattern.quote(text), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        List<Bson> any = List.of(fields).stream().map(field -> Filters.regex(field, pattern)).toList();
        return new MessageCriteria(any.size() == 1 ? any.get(0) : Filters.or(any));
    }

    private static Bson between(String field, Instant from, Instant to) {
        if (from == null && to == null) {
            return Filters.exists(field);
        }
        if (from == null) {
            return Filters.lt(field, Date.from(to));
        }
        return to == null ? Filters.gte(field, Date.from(from))
                : Filters.and(Filters.gte(field, Date.from(from)), Filters.lt(field, Date.from(to)));
    }

    @Override
    public String toString() {
        return filter == null ? "ANY" : filter.toString();
    }
}
