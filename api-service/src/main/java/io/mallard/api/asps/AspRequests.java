package io.mallard.api.asps;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.mallard.model.user.AppPassword;
import io.mallard.model.user.Scope;

/** Bodies of the application-password resource, with WildDuck's field names. */
final class AspRequests {

    private AspRequests() {
    }

    /**
     * @param scopes {@code imap}, {@code pop3}, {@code smtp}, or {@code *} for all three
     * @param ttl lifetime in seconds, none when absent
     */
    record Create(@NotBlank @Size(max = 256) String description,
            @NotEmpty List<@Pattern(regexp = "(?i)imap|pop3|smtp|\\*", message = "must be imap, pop3, smtp or *") String> scopes,
            @Min(1) Long ttl) {
    }

    /** The password is in this answer only: the store keeps its hash. */
    record Created(boolean success, String id, String password) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Details(Boolean success, String id, String description, List<String> scopes, Instant created,
            Instant expires, Instant lastUse) {

        static Details of(AppPassword asp, Boolean success) {
            return new Details(success, asp.id().toHexString(), asp.description(),
                    asp.scopes().stream().map(Scope::id).sorted().toList(), asp.created(), asp.expiresAt(), asp.lastUse());
        }
    }

    record Listing(boolean success, List<Details> results) {
    }
}
