package io.mallard.api.autoreply;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.mallard.api.web.Access;
import io.mallard.web.ApiException;
import io.mallard.api.web.KnownUsers;
import io.mallard.model.access.Action;
import io.mallard.model.autoreply.Autoreply;
import io.mallard.model.autoreply.AutoreplyStore;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * WildDuck's {@code /users/{user}/autoreply}: the vacation reply LMTP sends (RFC 3834), read from
 * the same store on every delivery. {@code PUT} changes only the fields it names.
 */
@RestController
@Tag(name = "Autoreplies")
class AutoreplyResource {

    private static final String AUTOREPLIES = "autoreplies";

    private final Access access;
    private final KnownUsers users;
    private final AutoreplyStore autoreplies;

    AutoreplyResource(Access access, KnownUsers users, AutoreplyStore autoreplies) {
        this.access = access;
        this.users = users;
        this.autoreplies = autoreplies;
    }

    /**
     * @param status whether replies are sent
     * @param name display name of the reply's From
     * @param subject empty for {@code Auto: } and the original subject
     * @param start ISO 8601 instant replies start at; {@code false} or empty for no start
     * @param end ISO 8601 instant replies stop at; {@code false} or empty for no end
     */
    record Update(Boolean status, @Size(max = 128) String name, @Size(max = 2048) String subject,
            @Size(max = 131072) String text, @Size(max = 131072) String html,
            @Schema(type = "string", format = "date-time") String start,
            @Schema(type = "string", format = "date-time") String end) {
    }

    record Updated(boolean success, String id) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Details(boolean success, boolean status, String name, String subject, String text, String html,
            Instant start, Instant end, Instant created) {

        static Details of(Autoreply autoreply) {
            return new Details(true, autoreply.enabled(), orEmpty(autoreply.name()), orEmpty(autoreply.subject()),
                    orEmpty(autoreply.text()), orEmpty(autoreply.html()), autoreply.start(), autoreply.end(),
                    autoreply.created());
        }
    }

    @GetMapping("/users/{user}/autoreply")
    Mono<Details> get(@PathVariable String user) {
        return access.user(user, AUTOREPLIES, Action.READ)
                .flatMap(users::require)
                .flatMap(found -> autoreplies.get(found.id()).defaultIfEmpty(Autoreply.NONE))
                .map(Details::of);
    }

    @PutMapping("/users/{user}/autoreply")
    Mono<Updated> update(@PathVariable String user, @Valid @RequestBody Update request) {
        return access.user(user, AUTOREPLIES, Action.UPDATE)
                .flatMap(users::require)
                .flatMap(found -> autoreplies.get(found.id()).defaultIfEmpty(Autoreply.NONE)
                        .map(current -> merge(current, request))
                        .flatMap(merged -> autoreplies.set(found.id(), merged))
                        .thenReturn(new Updated(true, found.id().toHexString())));
    }

    @DeleteMapping("/users/{user}/autoreply")
    Mono<Map<String, Boolean>> delete(@PathVariable String user) {
        return access.user(user, AUTOREPLIES, Action.DELETE)
                .flatMap(users::require)
                .flatMap(found -> autoreplies.delete(found.id()))
                .thenReturn(Map.of("success", true));
    }

    /** The named fields over the stored ones; an empty or {@code false} date clears it. */
    private static Autoreply merge(Autoreply current, Update request) {
        return new Autoreply(request.status() == null ? current.enabled() : request.status(),
                request.name() == null ? current.name() : request.name().trim(),
                request.subject() == null ? current.subject() : request.subject().trim(),
                request.text() == null ? current.text() : request.text(),
                request.html() == null ? current.html() : request.html(),
                request.start() == null ? current.start() : date("start", request.start()),
                request.end() == null ? current.end() : date("end", request.end()),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** WildDuck's {@code Joi.date().empty('').allow(false)}: a date, or nothing. */
    private static Instant date(String field, String value) {
        if (value == null || value.isBlank() || value.equals("false")) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(field, "must be an ISO 8601 date-time or false");
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
