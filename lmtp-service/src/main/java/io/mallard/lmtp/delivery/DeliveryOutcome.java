package io.mallard.lmtp.delivery;

import io.mallard.lmtp.codec.LmtpReply;

/** How one recipient's delivery ended, with the reply the client gets for it (RFC 2033 §4.2). */
public enum DeliveryOutcome {
    STORED(250, "2.0.0", "Delivered"),
    JUNK(250, "2.0.0", "Delivered to Junk"),
    DUPLICATE(250, "2.0.0", "Duplicate ignored, already delivered"),
    DISCARDED(250, "2.0.0", "Discarded by filter"),
    FORWARDED(250, "2.1.5", "Queued for forwarding"),
    // RFC 3463 §3.3: 4.2.2 mailbox full, temporary so the MTA retries once the user made room.
    OVER_QUOTA(452, "4.2.2", "Mailbox full"),
    // Forwards per day used up: temporary, so the MTA tries again once the day's counter resets.
    RATE_LIMITED(450, "4.2.1", "Forwarding rate limit reached, try again later"),
    TOO_BIG(552, "5.3.4", "Message too big"),
    FAILED(451, "4.3.0", "Temporary delivery failure, try again later");

    private final int code;
    private final String status;
    private final String text;

    DeliveryOutcome(int code, String status, String text) {
        this.code = code;
        this.status = status;
        this.text = text;
    }

    public LmtpReply reply(String recipient) {
        return LmtpReply.of(code, status, "<" + recipient + "> " + text);
    }

    /** Whether the message was taken in (2xx). */
    public boolean accepted() {
        return code == 250;
    }

    /** Tag value for metrics. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
