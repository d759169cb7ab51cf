package io.mallard.pop3.server;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.mallard.pop3.maildrop.MaildropUpdate.DeleteMode;

/**
 * How POP3 sessions behave ({@code mallard.pop3.*}); where they listen is {@link Pop3ListenerProperties}.
 *
 * @param allowPlaintextLogin accept USER/PASS and AUTH before STLS (RFC 2595 §4 says no by default)
 * @param maxMessages the maildrop is the newest this many INBOX messages (WildDuck: 250)
 * @param deleteMode what a committed DELE does: move to Trash or delete
 * @param lockMargin how much longer than the idle timeout a maildrop lock outlives its last renewal
 * @param readAheadBytes per session, how much message content one read of the store brings ahead
 *     of RETR and TOP; a session holds at most two such windows (see {@code ReadAhead})
 */
@ConfigurationProperties("mallard.pop3")
public record Pop3Properties(boolean allowPlaintextLogin, Integer maxMessages, DeleteMode deleteMode,
        Duration lockMargin, Long readAheadBytes) {

    public Pop3Properties {
        maxMessages = maxMessages == null ? 250 : maxMessages;
        deleteMode = deleteMode == null ? DeleteMode.TRASH : deleteMode;
        lockMargin = lockMargin == null ? Duration.ofSeconds(30) : lockMargin;
        readAheadBytes = readAheadBytes == null ? 2L * 1024 * 1024 : readAheadBytes;
    }
}
