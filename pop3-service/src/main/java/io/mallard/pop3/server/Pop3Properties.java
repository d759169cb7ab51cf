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
 * @param maildropCacheBytes per session, how much message content stays in memory from login so
 *     RETR needs no database round trip (see {@code MaildropLoader})
 */
@ConfigurationProperties("mallard.pop3")
public record Pop3Properties(boolean allowPlaintextLogin, Integer maxMessages, DeleteMode deleteMode,
        Duration lockMargin, Long maildropCacheBytes) {

    public Pop3Properties {
        maxMessages = maxMessages == null ? 250 : maxMessages;
        deleteMode = deleteMode == null ? DeleteMode.TRASH : deleteMode;
        lockMargin = lockMargin == null ? Duration.ofSeconds(30) : lockMargin;
        maildropCacheBytes = maildropCacheBytes == null ? 8L * 1024 * 1024 : maildropCacheBytes;
    }
}
