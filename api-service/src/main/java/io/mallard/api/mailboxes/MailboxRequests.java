package io.mallard.api.mailboxes;

import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.message.MailboxCounts;

/** Bodies of the mailbox resource, with WildDuck's field names. */
final class MailboxRequests {

    /** No empty levels, no leading or trailing delimiter, no control characters. */
    static final String PATH = "[^/\\p{Cntrl}]+(/[^/\\p{Cntrl}]+)*";

    private MailboxRequests() {
    }

    /** @param retention milliseconds a message stays before expiry, 0 = forever */
    record Create(@NotBlank @Size(max = 1024) @Pattern(regexp = PATH, message = "must be levels separated by /") String path,
            Boolean hidden, @Min(0) Long retention) {
    }

    record Update(@Size(max = 1024) @Pattern(regexp = PATH, message = "must be levels separated by /") String path,
            Boolean hidden, @Min(0) Long retention, Boolean subscribed) {
    }

    record Created(boolean success, String id) {
    }

    /** {@code total}/{@code unseen} only when counters were asked for. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Details(Boolean success, String id, String name, String path, String specialUse, long modifyIndex,
            boolean subscribed, boolean hidden, long retention, Long total, Long unseen) {

        static Details of(Mailbox mailbox, MailboxCounts counts, Boolean success) {
            int slash = mailbox.path().lastIndexOf(Mailbox.DELIMITER);
            return new Details(success, mailbox.id().toHexString(), mailbox.path().substring(slash + 1), mailbox.path(),
                    mailbox.specialUse(), mailbox.modifyIndex(), mailbox.subscribed(), mailbox.hidden(),
                    mailbox.retention(), counts == null ? null : counts.exists(), counts == null ? null : counts.unseen());
        }
    }

    record Listing(boolean success, List<Details> results) {
    }
}
