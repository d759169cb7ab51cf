package io.mallard.api.forwarded;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.mallard.model.address.Address;
import io.mallard.model.address.ForwardTarget;

/** Bodies of the forwarded-address resource, with WildDuck's field names. */
final class ForwardedRequests {

    /** WildDuck's three kinds of target: an address, an SMTP relay URL, an HTTP endpoint. */
    static final String TARGET = "(?i)(smtps?|https?)://\\S+|[^@\\s]+@[^@\\s]+";
    static final String TARGET_MESSAGE = "must be an address, an smtp(s):// relay or an http(s):// URL";
    /** Targets per forwarded address: each one is a copy of every message sent on. */
    static final int MAX_TARGETS = 50;

    private ForwardedRequests() {
    }

    /**
     * @param forwards messages a day it may forward, 0 for the platform default
     * @param allowWildcard needed for {@code *@domain} and the like, as in WildDuck
     */
    record Create(@NotBlank @Size(max = 320) String address,
            @NotEmpty @Size(max = MAX_TARGETS) List<@NotBlank @Size(max = 2048)
                    @Pattern(regexp = TARGET, message = TARGET_MESSAGE) String> targets,
            @Min(0) Integer forwards, Boolean allowWildcard,
            @Size(max = 100) List<@NotBlank @Size(max = 128) String> tags) {
    }

    /** Null fields stay as they are. */
    record Update(@Size(min = 1, max = 320) String address,
            @Size(min = 1, max = MAX_TARGETS) List<@NotBlank @Size(max = 2048)
                    @Pattern(regexp = TARGET, message = TARGET_MESSAGE) String> targets,
            @Min(0) Integer forwards,
            @Size(max = 100) List<@NotBlank @Size(max = 128) String> tags) {
    }

    record Created(boolean success, String id) {
    }

    /** Today's forwards against the limit; {@code allowed} 0 means the platform default applies. */
    record Forwards(long allowed, long used, long ttl) {
    }

    record Limits(Forwards forwards) {
    }

    /** Forwarded addresses have no autoreply of their own here. */
    record AutoreplyStatus(boolean status) {
    }

    record Details(boolean success, String id, String address, List<String> targets, Limits limits,
            AutoreplyStatus autoreply, List<String> tags, Instant created) {

        static Details of(Address address, Forwards forwards) {
            return new Details(true, address.id().toHexString(), address.address(),
                    address.targets().stream().map(ForwardTarget::value).toList(), new Limits(forwards),
                    new AutoreplyStatus(false), address.tags(), address.created());
        }
    }
}
