package io.mallard.api.asps;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;

import org.bson.types.ObjectId;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.mallard.api.web.Access;
import io.mallard.model.access.Action;
import io.mallard.model.user.AppPasswordStore;
import io.mallard.model.user.Scope;
import io.mallard.model.user.UserStore;
import io.mallard.web.ApiException;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/** WildDuck's {@code /users/{user}/asps}: application-specific passwords for IMAP, POP3 and SMTP. */
@RestController
@Tag(name = "Application Passwords")
class AspResource {

    private static final String ASPS = "asps";

    private final Access access;
    private final AppPasswordStore asps;
    private final UserStore users;

    AspResource(Access access, AppPasswordStore asps, UserStore users) {
        this.access = access;
        this.asps = asps;
        this.users = users;
    }

    @GetMapping("/users/{user}/asps")
    Mono<AspRequests.Listing> list(@PathVariable String user) {
        return access.user(user, ASPS, Action.READ)
                .flatMap(this::existingUser)
                .flatMap(id -> asps.list(id).map(asp -> AspRequests.Details.of(asp, null)).collectList())
                .map(results -> new AspRequests.Listing(true, results));
    }

    @PostMapping("/users/{user}/asps")
    Mono<AspRequests.Created> create(@PathVariable String user, @Valid @RequestBody AspRequests.Create request) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        request.scopes().forEach(scope -> {
            if (scope.equals("*")) {
                scopes.addAll(Set.of(Scope.IMAP, Scope.POP3, Scope.SMTP));
            } else {
                scopes.add(Scope.of(scope));
            }
        });
        return access.user(user, ASPS, Action.CREATE)
                .flatMap(this::existingUser)
                .flatMap(id -> asps.create(id, request.description(), scopes,
                                request.ttl() == null ? null : Duration.ofSeconds(request.ttl()))
                        .onErrorMap(IllegalStateException.class, e -> new ApiException(HttpStatus.BAD_REQUEST,
                                "TooMany", "Too many application passwords")))
                .map(created -> new AspRequests.Created(true, created.appPassword().id().toHexString(),
                        created.password()));
    }

    @GetMapping("/users/{user}/asps/{asp}")
    Mono<AspRequests.Details> get(@PathVariable String user, @PathVariable String asp) {
        ObjectId id = Access.id("asp", asp);
        return access.user(user, ASPS, Action.READ)
                .flatMapMany(asps::list)
                .filter(found -> found.id().equals(id))
                .next()
                .map(found -> AspRequests.Details.of(found, true))
                .switchIfEmpty(Mono.error(AspResource::notFound));
    }

    @DeleteMapping("/users/{user}/asps/{asp}")
    Mono<Map<String, Boolean>> delete(@PathVariable String user, @PathVariable String asp) {
        ObjectId id = Access.id("asp", asp);
        return access.user(user, ASPS, Action.DELETE)
                .flatMap(owner -> asps.delete(owner, id))
                .flatMap(deleted -> deleted ? Mono.just(Map.of("success", true)) : Mono.error(notFound()));
    }

    private Mono<ObjectId> existingUser(ObjectId id) {
        return users.get(id).map(found -> id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("UserNotFound", "This user does not exist")));
    }

    private static ApiException notFound() {
        return ApiException.notFound("AspNotFound", "This application password does not exist");
    }
}
