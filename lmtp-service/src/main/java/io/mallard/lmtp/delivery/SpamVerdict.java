package io.mallard.lmtp.delivery;

import java.util.Locale;

/**
 * Whether a message goes to the user's Junk mailbox, from what the MTA's filter wrote: a status
 * header whose value starts with {@code Yes} (SpamAssassin's {@code X-Spam-Status}), or a score
 * header (rspamd's {@code X-Rspamd-Score}) measured against the user's spam level.
 *
 * <p>WildDuck's scale: spam level 0 means everything is spam, 100 means nothing is. Between them
 * the level is a score threshold of {@code level / 10}, so the default 50 sends rspamd scores
 * of 5 and more (near rspamd's own "add header" action at 6) to Junk.
 */
public record SpamVerdict(String statusHeader, String scoreHeader) {

    public boolean spam(HeaderSection headers, int spamLevel) {
        if (spamLevel >= 100) {
            return false;
        }
        if (spamLevel <= 0) {
            return true;
        }
        boolean flagged = statusHeader != null && !statusHeader.isBlank() && headers.value(statusHeader)
                .map(value -> value.toLowerCase(Locale.ROOT).startsWith("yes"))
                .orElse(false);
        return flagged || scoreHeader != null && !scoreHeader.isBlank() && headers.value(scoreHeader)
                .map(SpamVerdict::score)
                .map(score -> score >= spamLevel / 10.0)
                .orElse(false);
    }

    /** The leading number of a score header ({@code 7.5}, {@code 7.5 / 15}); NaN when there is none. */
    private static double score(String value) {
        String number = value.trim().split("[\\s/]+", 2)[0];
        try {
            return Double.parseDouble(number);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
