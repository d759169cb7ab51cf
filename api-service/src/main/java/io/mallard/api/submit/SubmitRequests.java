package io.mallard.api.submit;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /users/{user}/submit}, with WildDuck's field names. The whole body,
 * base64 attachments included, stays under {@code mallard.api.max-body}.
 */
final class SubmitRequests {

    /** Per recipient list; WildDuck refuses more recipients in all with 403 TooMany. */
    static final int MAX_RECIPIENTS = 100;
    static final String ID = "[0-9a-fA-F]{24}";

    private SubmitRequests() {
    }

    /**
     * @param mailbox where the copy is stored, the user's Sent mailbox when absent
     * @param reference the message this one answers or forwards: sets In-Reply-To, References, a
     *     default subject and, for replies without recipients, the recipients; flags it once sent
     */
    record Submission(@Pattern(regexp = ID, message = "must be a mailbox id") String mailbox,
            @Valid Party from, @Valid Party replyTo,
            @Size(max = MAX_RECIPIENTS) List<@Valid @NotNull Party> to,
            @Size(max = MAX_RECIPIENTS) List<@Valid @NotNull Party> cc,
            @Size(max = MAX_RECIPIENTS) List<@Valid @NotNull Party> bcc,
            @Size(max = 50) List<@Valid @NotNull Header> headers,
            @Size(max = 998) String subject, String text, String html,
            @Size(max = 50) List<@Valid @NotNull Attachment> attachments,
            @Valid Reference reference) {
    }

    record Party(@Size(max = 256) String name, @NotBlank @Email @Size(max = 320) String address) {
    }

    /** An extra header field; the composer refuses the ones it writes itself. */
    record Header(@NotBlank @Pattern(regexp = "[!-9;-~]{1,76}", message = "must be a header field name") String key,
            @NotNull @Size(max = 998) @Pattern(regexp = "[^\\r\\n]*", message = "must be one line") String value) {
    }

    /**
     * @param encoding how {@code content} is given: {@code base64} (WildDuck's default) or text
     * @param contentDisposition {@code attachment} or {@code inline}
     * @param cid a Content-ID, for inline images referenced from the HTML
     */
    record Attachment(@Size(max = 255) String filename,
            @Pattern(regexp = "[a-zA-Z0-9!#$&^_.+-]{1,64}/[a-zA-Z0-9!#$&^_.+-]{1,64}", message = "must be a type/subtype")
            String contentType,
            @Pattern(regexp = "base64|utf8|utf-8|text", message = "must be base64 or text") String encoding,
            @Pattern(regexp = "inline|attachment", message = "must be inline or attachment") String contentDisposition,
            @NotNull String content,
            @Size(max = 255) @Pattern(regexp = "[^<>\\s]*", message = "must be a bare Content-ID") String cid) {
    }

    record Reference(@NotBlank @Pattern(regexp = ID, message = "must be a mailbox id") String mailbox,
            @NotNull @Min(1) Long id,
            @NotBlank @Pattern(regexp = "reply|replyAll|forward", message = "must be reply, replyAll or forward") String action) {
    }

    record Stored(String mailbox, long id, String queueId) {
    }

    record Submitted(boolean success, Stored message) {
    }
}
