package io.mallard.lmtp.server;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the LMTP service takes mail in ({@code mallard.lmtp.*}, e.g. {@code MALLARD_LMTP_SPAM_HEADER}).
 *
 * @param maxMessageSize largest message in octets, announced as RFC 1870 SIZE
 * @param maxRecipients recipients per transaction
 * @param spamHeader a header whose value starting with {@code Yes} marks spam; blank for none
 * @param spamScoreHeader a header with a numeric spam score, compared with the user's spam level
 * @param duplicateWindow how long a Message-ID delivered to a mailbox suppresses another copy; 0 = never
 * @param autoreplyInterval at most one autoreply per sender within this period (RFC 3834 §2 suggests days)
 * @param forwardsPerDay forwards per user or forwarded address and day, unless their own limit is set
 */
@ConfigurationProperties("mallard.lmtp")
public record LmtpDeliveryProperties(Long maxMessageSize, Integer maxRecipients, String spamHeader,
        String spamScoreHeader, Duration duplicateWindow, Duration autoreplyInterval, Integer forwardsPerDay) {

    public LmtpDeliveryProperties {
        maxMessageSize = maxMessageSize == null ? 50L * 1024 * 1024 : maxMessageSize;
        maxRecipients = maxRecipients == null ? 100 : maxRecipients;
        spamHeader = spamHeader == null ? "X-Spam-Status" : spamHeader;
        spamScoreHeader = spamScoreHeader == null ? "X-Rspamd-Score" : spamScoreHeader;
        duplicateWindow = duplicateWindow == null ? Duration.ofHours(24) : duplicateWindow;
        autoreplyInterval = autoreplyInterval == null ? Duration.ofDays(7) : autoreplyInterval;
        forwardsPerDay = forwardsPerDay == null ? 1000 : forwardsPerDay;
    }
}
