package io.mallard.api.messages;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the message resource, with WildDuck's field names. */
final class MessageRequests {

    private MessageRequests() {
    }

    /**
     * {@code PUT /users/{user}/mailboxes/{mailbox}/messages}: flags to set or clear on the
     * selected messages, or a mailbox to move them to.
     *
     * @param message a UID set such as {@code 1:10,12}
     * @param moveTo the id of the target mailbox
     */
    record Update(@NotBlank @Size(max = 4096) @Pattern(regexp = UidSet.PATTERN, message = "must be a UID set like 1:10,12") String message,
            Boolean seen, Boolean flagged, Boolean deleted, Boolean draft, Boolean answered,
            @Pattern(regexp = "[0-9a-fA-F]{24}", message = "must be a mailbox id") String moveTo) {
    }
}
