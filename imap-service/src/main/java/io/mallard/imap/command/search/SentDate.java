package io.mallard.imap.command.search;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mallard.model.ingest.ParsedMessage;
import io.mallard.model.message.Message;

/**
 * A message's sent date: the Date header, or the internal date when there is no readable Date
 * header (RFC 5256 §2.2, used for SEARCH SENT* too so that SEARCH and SORT agree).
 */
public final class SentDate {

    // RFC 5322 §3.3 zone at the end of a date-time, maybe followed by a comment: "+0200 (CEST)".
    private static final Pattern NUMERIC_ZONE = Pattern.compile("([+-])(\\d\\d)(\\d\\d)\\s*(?:\\(.*\\))?\\s*$");
    private static final Pattern NAMED_ZONE = Pattern.compile("\\b([A-Za-z]{2,3})\\s*$");
    // RFC 5322 §4.3 obsolete zone names.
    private static final Map<String, Integer> ZONES = Map.of("UT", 0, "GMT", 0, "EST", -5, "EDT", -4, "CST", -6,
            "CDT", -5, "MST", -7, "MDT", -6, "PST", -8, "PDT", -7);

    private SentDate() {
    }

    /** RFC 5256 §2.2: the Date header's instant (so, in UTC), else the internal date. */
    public static Instant instant(ParsedMessage parsed, Message message) {
        return parsed.date() != null ? parsed.date() : message.internalDate();
    }

    /**
     * RFC 3501 §6.4.4 SENTBEFORE/SENTON/SENTSINCE compare the Date header "disregarding time and
     * timezone": the day as the header writes it, in the sender's own zone.
     */
    static LocalDate day(ParsedMessage parsed, Message message) {
        if (parsed.date() == null) {
            return message.internalDate().atZone(ZoneOffset.UTC).toLocalDate();
        }
        Object header = parsed.envelope().isEmpty() ? null : parsed.envelope().get(0);
        return parsed.date().atOffset(zone(header instanceof String text ? text : "")).toLocalDate();
    }

    static ZoneOffset zone(String header) {
        Matcher numeric = NUMERIC_ZONE.matcher(header);
        if (numeric.find()) {
            int hours = Integer.parseInt(numeric.group(2));
            int minutes = Integer.parseInt(numeric.group(3));
            int sign = numeric.group(1).equals("-") ? -1 : 1;
            if (hours <= 18 && minutes < 60) {
                return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
            }
        }
        Matcher named = NAMED_ZONE.matcher(header);
        Integer hours = named.find() ? ZONES.get(named.group(1).toUpperCase(Locale.ROOT)) : null;
        return hours == null ? ZoneOffset.UTC : ZoneOffset.ofHours(hours);
    }
}
