package io.mallard.api.users;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import org.bson.types.ObjectId;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.mallard.api.web.Access;
import io.mallard.api.web.Page;
import io.mallard.api.webhooks.WebhookEvents;
import io.mallard.model.access.AccessTokens;
import io.mallard.model.access.Action;
import io.mallard.model.address.Address;
import io.mallard.model.address.AddressStore;
import io.mallard.model.mail.UserProvisioning;
import io.mallard.model.user.DeletedUserStore;
import io.mallard.model.user.NewUser;
import io.mallard.model.user.Scope;
import io.mallard.model.user.User;
import io.mallard.model.user.UserLimits;
import io.mallard.model.user.UserQuery;
import io.mallard.model.user.UserSettings;
import io.mallard.model.user.UserStore;
import io.mallard.model.user.UserUpdate;
import io.mallard.web.ApiException;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** WildDuck's {@code /users}: accounts, created with their default mailboxes. */
@RestController
@Tag(name = "Users")
class UserResource {

    private static final String USERS = "users";

    private final Access access;
    private final UserStore users;
    private final UserProvisioning provisioning;
    private final AddressStore addresses;
    private final AccessTokens tokens;
    private final DeletedUserStore deleted;
    private final WebhookEvents events;

    UserResource(Access access, UserStore users, UserProvisioning provisioning, AddressStore addresses,
            AccessTokens tokens, DeletedUserStore deleted, WebhookEvents events) {
        this.access = access;
        this.users = users;
        this.provisioning = provisioning;
        this.addresses = addresses;
        this.tokens = tokens;
        this.deleted = deleted;
        this.events = events;
    }

    @PostMapping("/users")
    Mono<UserResponses.Created> create(@Valid @RequestBody UserRequests.Create request) {
        boolean imported = Boolean.TRUE.equals(request.hashedPassword());
        if (imported && request.password() == null) {
            throw ApiException.invalidField("password", "must hold the hash when hashedPassword is set");
        }
        UserSettings settings = new UserSettings(orZero(request.quota()), limits(UserLimits.DEFAULTS, request.recipients(),
                request.forwards(), request.imapMaxConnections(), request.pop3MaxConnections()),
                request.spamLevel() == null ? UserSettings.DEFAULTS.spamLevel() : request.spamLevel(),
                request.tags() == null ? List.of() : request.tags(), scopes(request.disabledScopes()),
                Boolean.TRUE.equals(request.disabled()));
        NewUser user = new NewUser(request.username(), imported ? null : request.password(),
                request.name() == null ? request.username() : request.name(), request.address(), settings);
        return access.any(USERS, Action.CREATE)
                .then(provisioning.create(user))
                .flatMap(created -> imported
                        ? users.importPasswordHash(created.id(), request.password()).thenReturn(created)
                        : Mono.just(created))
                .flatMap(created -> Boolean.TRUE.equals(request.requirePasswordChange())
                        ? users.update(created.id(), UserUpdate.NONE.withRequirePasswordChange(true)).thenReturn(created)
                        : Mono.just(created))
                .flatMap(created -> events.publish("user.created", created.id(), Map.of("username", created.username()))
                        .thenReturn(created))
                .map(created -> new UserResponses.Created(true, created.id().toHexString()));
    }

    @GetMapping("/users")
    Mono<UserResponses.Listing> list(@RequestParam(required = false) @Size(max = 256) String query,
            @RequestParam(required = false) @Size(max = 1024) String tags,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @RequestParam(required = false) String next) {
        String after = next == null ? null : Page.position("next", next);
        if (after != null && !ObjectId.isValid(after)) {
            throw ApiException.invalidInput("next is not a valid cursor");
        }
        List<String> tagList = tags == null ? List.of()
                : Arrays.stream(tags.split(",")).map(String::trim).filter(tag -> !tag.isEmpty()).toList();
        return access.any("userlisting", Action.READ)
                .then(users.list(new UserQuery(query, tagList), after, limit))
                .flatMap(page -> Flux.fromIterable(page.users())
                        .concatMap(user -> mainAddress(user.id()).map(address -> UserResponses.Listed.of(user, address)))
                        .collectList()
                        .map(results -> new UserResponses.Listing(true, query,
                                page.next() == null ? false : Page.cursor(page.next()), false, results)));
    }

    @GetMapping("/users/{user}")
    Mono<UserResponses.Details> get(@PathVariable String user) {
        return access.user(user, USERS, Action.READ)
                .flatMap(this::existing)
                .flatMap(found -> mainAddress(found.id()).map(address -> UserResponses.Details.of(found, address)));
    }

    @GetMapping("/users/resolve/{username}")
    Mono<UserResponses.Resolved> resolve(@PathVariable String username) {
        return access.caller().flatMap(grant -> users.getByUsername(username)
                .onErrorMap(IllegalArgumentException.class, e -> ApiException.invalidInput("Invalid username"))
                .map(found -> {
                    if (!access.may(grant, USERS, Action.READ, found.id())) {
                        throw Access.forbidden();
                    }
                    return new UserResponses.Resolved(true, found.id().toHexString());
                })
                // Only a caller who may read any user learns that a name is free.
                .switchIfEmpty(Mono.error(() -> access.may(grant, USERS, Action.READ, null)
                        ? ApiException.notFound("UserNotFound", "This user does not exist") : Access.forbidden())));
    }

    @PutMapping("/users/{user}")
    Mono<Map<String, Boolean>> update(@PathVariable String user,
            @Valid @RequestBody UserRequests.Update request) {
        return access.target(user, USERS, Action.UPDATE).flatMap(target -> {
            if (touchesAccountLimits(request) && !access.may(target.grant(), USERS, Action.UPDATE, null)) {
                // WildDuck's user role may not raise its own quota or limits, nor enable itself.
                return Mono.error(Access.forbidden());
            }
            boolean self = target.user().equals(target.grant().user());
            return existing(target.user()).flatMap(current -> users.update(current.id(), update(current, request, self)))
                    .switchIfEmpty(Mono.error(UserResource::notFound))
                    .thenReturn(Map.of("success", true));
        });
    }

    /**
     * Moves the user to its grace period (WildDuck's {@code deleteAfter}; now when absent), after
     * which {@code DeletedUserSweeper} purges its data. Deleting a user in its grace period again
     * moves the date.
     */
    @DeleteMapping("/users/{user}")
    Mono<UserResponses.Deleted> delete(@PathVariable String user, @RequestParam(required = false) Instant deleteAfter) {
        return access.user(user, USERS, Action.DELETE).flatMap(id -> {
            Instant when = deleteAfter == null ? Instant.now() : deleteAfter;
            // Tokens first: during the grace period its mailboxes still exist, and no token may reach them.
            Mono<UserResponses.Deleted> retired = users.get(id)
                    .flatMap(found -> tokens.revokeAll(id, null).then(deleted.retire(id, when)))
                    .flatMap(retiredUser -> events.publish("user.deleted", id, Map.of())
                            .thenReturn(UserResponses.Deleted.of(retiredUser, retiredUser.addresses().size())));
            return retired.switchIfEmpty(Mono.defer(() -> deleted.reschedule(id, when)
                            .map(again -> UserResponses.Deleted.of(again, 0))))
                    .switchIfEmpty(Mono.error(UserResource::notFound));
        });
    }

    /** WildDuck's logout: every access token of the user stops working at once. */
    @PutMapping("/users/{user}/logout")
    Mono<Map<String, Boolean>> logout(@PathVariable String user,
            @Valid @RequestBody(required = false) UserRequests.Logout request) {
        return access.user(user, USERS, Action.READ)
                .flatMap(this::existing)
                .flatMap(found -> tokens.revokeAll(found.id(), null))
                .thenReturn(Map.of("success", true));
    }

    private Mono<User> existing(ObjectId id) {
        return users.get(id).switchIfEmpty(Mono.error(UserResource::notFound));
    }

    private Mono<String> mainAddress(ObjectId user) {
        return addresses.mainAddressOf(user).map(Address::address).defaultIfEmpty("");
    }

    private static ApiException notFound() {
        return ApiException.notFound("UserNotFound", "This user does not exist");
    }

    private static boolean touchesAccountLimits(UserRequests.Update request) {
        return request.quota() != null || request.recipients() != null || request.forwards() != null
                || request.imapMaxConnections() != null || request.pop3MaxConnections() != null
                || request.disabled() != null || request.disabledScopes() != null || request.requirePasswordChange() != null;
    }

    /** @param self the caller is the user: a password it sets needs no change (WildDuck's temporary-password rule) */
    private static UserUpdate update(User current, UserRequests.Update request, boolean self) {
        UserUpdate update = UserUpdate.NONE;
        if (request.name() != null) {
            update = update.withName(request.name());
        }
        if (request.password() != null) {
            update = update.withPassword(request.password())
                    .withRequirePasswordChange(!self && !Boolean.FALSE.equals(request.requirePasswordChange()));
        } else if (request.requirePasswordChange() != null) {
            update = update.withRequirePasswordChange(request.requirePasswordChange());
        }
        if (request.quota() != null) {
            update = update.withQuota(request.quota());
        }
        if (request.recipients() != null || request.forwards() != null || request.imapMaxConnections() != null
                || request.pop3MaxConnections() != null) {
            update = update.withLimits(limits(current.limits(), request.recipients(), request.forwards(),
                    request.imapMaxConnections(), request.pop3MaxConnections()));
        }
        if (request.spamLevel() != null) {
            update = update.withSpamLevel(request.spamLevel());
        }
        if (request.tags() != null) {
            update = update.withTags(request.tags());
        }
        if (request.disabledScopes() != null) {
            update = update.withDisabledScopes(scopes(request.disabledScopes()));
        }
        if (request.disabled() != null) {
            update = update.withDisabled(request.disabled());
        }
        return update;
    }

    private static UserLimits limits(UserLimits base, Integer recipients, Integer forwards, Integer imap, Integer pop3) {
        return new UserLimits(imap == null ? base.imapConnections() : imap, pop3 == null ? base.pop3Connections() : pop3,
                recipients == null ? base.recipientsPerDay() : recipients, forwards == null ? base.forwardsPerDay() : forwards);
    }

    private static Set<Scope> scopes(List<String> ids) {
        return ids == null ? Set.of() : ids.stream().map(Scope::of).collect(Collectors.toUnmodifiableSet());
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
