package io.mallard.api.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.bson.types.ObjectId;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.mallard.api.web.Access;
import io.mallard.api.web.IdPage;
import io.mallard.api.web.KnownUsers;
import io.mallard.api.web.Page;
import io.mallard.model.access.AccessGrant;
import io.mallard.model.access.Action;
import io.mallard.model.webhook.Webhook;
import io.mallard.model.webhook.WebhookQueue;
import io.mallard.model.webhook.WebhookStore;
import io.mallard.web.ApiException;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * WildDuck's {@code /webhooks}: HTTP callbacks for user, address, mailbox and message events,
 * platform-wide or for one user. Managed by roles with {@code any} grants; a user token may read
 * the webhooks of its own user.
 */
@RestController
@Tag(name = "Webhooks")
class WebhookResource {

    private static final String WEBHOOKS = "webhooks";
    /** {@code *}, a dotted type, or a dotted prefix ending in {@code .*}. */
    private static final String TYPE = "\\*|[a-z0-9_-]+(\\.[a-z0-9_-]+)*(\\.\\*)?";
    private static final String HEX_ID = "[0-9a-fA-F]{24}";

    private final Access access;
    private final KnownUsers users;
    private final WebhookStore webhooks;
    private final WebhookQueue queue;

    WebhookResource(Access access, KnownUsers users, WebhookStore webhooks, WebhookQueue queue) {
        this.access = access;
        this.users = users;
        this.webhooks = webhooks;
        this.queue = queue;
    }

    /**
     * @param type event types or prefixes: {@code user.created}, {@code mailbox.*}, {@code *}
     * @param user only events about this user
     * @param url receives each event as a JSON POST
     * @param secret signs each post: {@code X-Mallard-Signature: sha256=} HMAC of the body
     */
    record Create(@NotEmpty @Size(max = 32) List<@NotNull @Size(max = 128) @Pattern(regexp = TYPE,
                    message = "must be a type such as user.created, a prefix such as mailbox.*, or *") String> type,
            @Pattern(regexp = HEX_ID, message = "must be a 24 character hex id") String user,
            @NotBlank @Size(max = 2048) @Pattern(regexp = "(?i)https?://\\S+", message = "must be an http(s) URL") String url,
            @Size(min = 16, max = 256) String secret) {
    }

    record Created(boolean success, String id) {
    }

    /** The secret is never shown again; {@code signed} says whether there is one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Details(Boolean success, String id, List<String> type, String user, String url, boolean signed,
            Instant created) {

        static Details of(Webhook webhook, Boolean success) {
            return new Details(success, webhook.id().toHexString(), webhook.types(),
                    webhook.user() == null ? null : webhook.user().toHexString(), webhook.url(), webhook.secret() != null,
                    webhook.created());
        }
    }

    record Listing(boolean success, String type, String user, Object nextCursor, Object previousCursor,
            List<Details> results) {
    }

    /**
     * @param type only webhooks naming exactly this type or prefix
     * @param user only webhooks for this user; a user token sees only its own
     */
    @GetMapping("/webhooks")
    Mono<Listing> list(@RequestParam(required = false) @Size(max = 128) String type,
            @RequestParam(required = false) @Pattern(regexp = HEX_ID, message = "must be a 24 character hex id") String user,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @RequestParam(required = false) String next, @RequestParam(required = false) String previous) {
        ObjectId wanted = user == null ? null : new ObjectId(user);
        return access.caller()
                .map(grant -> {
                    if (access.may(grant, WEBHOOKS, Action.READ, null)) {
                        return Optional.ofNullable(wanted);
                    }
                    ObjectId own = wanted == null ? grant.user() : wanted;
                    if (own == null || !access.may(grant, WEBHOOKS, Action.READ, own)) {
                        throw Access.forbidden();
                    }
                    return Optional.of(own);
                })
                .flatMap(owner -> IdPage.of((edge, backwards, count) -> webhooks.page(owner.orElse(null), type, edge,
                        backwards, count), Webhook::id, limit, next, previous))
                .map(page -> new Listing(true, type, user, page.nextCursor(), page.previousCursor(),
                        page.items().stream().map(webhook -> Details.of(webhook, null)).toList()));
    }

    @PostMapping("/webhooks")
    Mono<Created> create(@Valid @RequestBody Create request) {
        Mono<Optional<ObjectId>> owner = request.user() == null
                ? access.any(WEBHOOKS, Action.CREATE).thenReturn(Optional.empty())
                : access.user(request.user(), WEBHOOKS, Action.CREATE).flatMap(users::require)
                        .map(found -> Optional.of(found.id()));
        return owner
                .flatMap(found -> webhooks.create(request.type().stream().map(String::trim).distinct().toList(),
                        found.orElse(null), request.url().trim(), request.secret()))
                .map(created -> new Created(true, created.id().toHexString()));
    }

    @GetMapping("/webhooks/{webhook}")
    Mono<Details> get(@PathVariable String webhook) {
        ObjectId id = Access.id("webhook", webhook);
        return allowed(id, Action.READ).map(found -> Details.of(found, true));
    }

    @DeleteMapping("/webhooks/{webhook}")
    Mono<Map<String, Boolean>> delete(@PathVariable String webhook) {
        ObjectId id = Access.id("webhook", webhook);
        return allowed(id, Action.DELETE)
                .flatMap(found -> webhooks.delete(found.id()))
                .flatMap(deleted -> deleted ? queue.cancel(id).thenReturn(Map.of("success", true)) : Mono.error(notFound()));
    }

    /**
     * The webhook, once the caller may act on it: on any with an {@code any} grant, else only on
     * its own user's. A caller without an {@code any} grant cannot tell a missing id from another's.
     */
    private Mono<Webhook> allowed(ObjectId id, Action action) {
        return access.caller().flatMap(grant -> webhooks.get(id)
                .filter(found -> access.may(grant, WEBHOOKS, action, found.user()))
                .switchIfEmpty(Mono.error(() -> refusal(grant, action))));
    }

    private ApiException refusal(AccessGrant grant, Action action) {
        return access.may(grant, WEBHOOKS, action, null) ? notFound() : Access.forbidden();
    }

    private static ApiException notFound() {
        return ApiException.notFound("WebhookNotFound", "Invalid or unknown webhook identifier");
    }
}
