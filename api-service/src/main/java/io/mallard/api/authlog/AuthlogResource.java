package io.mallard.api.authlog;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.mallard.api.web.Access;
import io.mallard.api.web.Page;
import io.mallard.model.access.Action;
import io.mallard.model.authlog.AuthEvent;
import io.mallard.model.authlog.AuthLog;
import io.mallard.model.user.UserStore;
import io.mallard.web.ApiException;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * WildDuck's {@code GET /users/{user}/authlog}: the user's login attempts, newest first, within an
 * optional time window. Entries expire with the log's retention.
 */
@RestController
@Tag(name = "Authentication Log")
class AuthlogResource {

    private final Access access;
    private final AuthLog log;
    private final UserStore users;

    AuthlogResource(Access access, AuthLog log, UserStore users) {
        this.access = access;
        this.log = log;
        this.users = users;
    }

    record Entry(String id, String username, String ip, String protocol, String result, String credential, String asp,
            Instant created) {

        static Entry of(AuthEvent event) {
            return new Entry(event.id().toHexString(), event.username(), event.ip(), event.scope(),
                    event.result().name().toLowerCase(Locale.ROOT), event.credential(),
                    event.appPassword() == null ? null : event.appPassword().toHexString(), event.created());
        }
    }

    record Listing(boolean success, List<Entry> results) {
    }

    @GetMapping("/users/{user}/authlog")
    Mono<Listing> list(@PathVariable String user,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
        return access.user(user, "authentication", Action.READ)
                .flatMap(id -> users.get(id).switchIfEmpty(Mono.error(() ->
                        ApiException.notFound("UserNotFound", "This user does not exist"))))
                .flatMap(found -> log.forUser(found.id(), from == null ? Instant.EPOCH : from,
                        to == null ? Instant.now().plusSeconds(1) : to, limit).map(Entry::of).collectList())
                .map(results -> new Listing(true, results));
    }
}
