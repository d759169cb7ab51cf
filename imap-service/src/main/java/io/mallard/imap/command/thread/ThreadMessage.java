package io.mallard.imap.command.thread;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mallard.imap.command.search.SentDate;
import io.mallard.imap.command.sort.BaseSubject;
import io.mallard.model.ingest.ParsedMessage;
import io.mallard.model.message.Message;

/**
 * What threading keeps of one matching message (RFC 5256 §3 THREAD step (1)).
 *
 * @param number what the answer names it by: its sequence number, or its UID for UID THREAD
 * @param sequence its sequence number, the tie-breaker of every sort (RFC 5256 §2.2)
 * @param messageId its Message-ID, or {@code null} when it has no valid one
 * @param references the ids of its References header, or else the first id of In-Reply-To
 * @param sent its sent date (RFC 5256 §2.2)
 */
record ThreadMessage(long number, int sequence, String messageId, List<String> references, BaseSubject subject,
        Instant sent) {

    private static final Pattern MSG_ID = Pattern.compile("<[^<>\\s]+>");

    static ThreadMessage of(Message message, ParsedMessage parsed, long number, int sequence) {
        List<String> references = new ArrayList<>();
        for (String reference : parsed.references()) {
            references.addAll(ids(reference));
        }
        if (references.isEmpty()) {
            ids(parsed.inReplyTo()).stream().findFirst().ifPresent(references::add);
        }
        List<String> own = ids(parsed.messageId());
        return new ThreadMessage(number, sequence, own.isEmpty() ? null : own.get(0), references,
                BaseSubject.of(message.subject()), SentDate.instant(parsed, message));
    }

    private static List<String> ids(String header) {
        List<String> ids = new ArrayList<>();
        if (header != null) {
            Matcher matcher = MSG_ID.matcher(header);
            while (matcher.find()) {
                ids.add(matcher.group());
            }
        }
        return ids;
    }
}
