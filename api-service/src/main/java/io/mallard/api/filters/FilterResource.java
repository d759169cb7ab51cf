package io.mallard.api.filters;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.bson.types.ObjectId;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.mallard.api.mailboxes.OwnedMailboxes;
import io.mallard.api.web.Access;
import io.mallard.web.ApiException;
import io.mallard.api.web.IdPage;
import io.mallard.api.web.KnownUsers;
import io.mallard.api.web.Page;
import io.mallard.model.access.Action;
import io.mallard.model.filter.Filter;
import io.mallard.model.filter.FilterAction;
import io.mallard.model.filter.FilterStore;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * WildDuck's {@code /users/{user}/filters}: the rules LMTP applies to every delivery, in creation
 * order. They live in the store LMTP reads, so a change applies from the next delivery on.
 */
@RestController
@Tag(name = "Filters")
class FilterResource {

    /** WildDuck's {@code const:max:filters}: a user's filters are read in full on every delivery. */
    static final int MAX_FILTERS = 400;

    private static final String FILTERS = "filters";

    private final Access access;
    private final KnownUsers users;
    private final OwnedMailboxes mailboxes;
    private final FilterStore filters;

    FilterResource(Access access, KnownUsers users, OwnedMailboxes mailboxes, FilterStore filters) {
        this.access = access;
        this.users = users;
        this.mailboxes = mailboxes;
        this.filters = filters;
    }

    /** Every user's filters, oldest first; for roles that may read any user's filters. */
    @GetMapping("/filters")
    Mono<FilterRequests.Page> listAll(@RequestParam(defaultValue = "20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @RequestParam(required = false) String next, @RequestParam(required = false) String previous) {
        return access.any(FILTERS, Action.READ)
                .then(IdPage.of(filters::page, Filter::id, limit, next, previous))
                .map(page -> new FilterRequests.Page(true, page.nextCursor(), page.previousCursor(),
                        page.items().stream().map(filter -> FilterRequests.Details.of(filter, null, true)).toList()));
    }

    @GetMapping("/users/{user}/filters")
    Mono<FilterRequests.Listing> list(@PathVariable String user) {
        return access.user(user, FILTERS, Action.READ)
                .flatMap(users::require)
                .flatMap(found -> filters.list(found.id()).map(filter -> FilterRequests.Details.of(filter, null, false))
                        .collectList())
                .map(results -> new FilterRequests.Listing(true, new FilterRequests.Limits(MAX_FILTERS, results.size()),
                        results));
    }

    @PostMapping("/users/{user}/filters")
    Mono<FilterRequests.Created> create(@PathVariable String user, @Valid @RequestBody FilterRequests.Create request) {
        return access.user(user, FILTERS, Action.CREATE)
                .flatMap(users::require)
                .flatMap(found -> action(found.id(), request.action())
                        .flatMap(action -> filters.count(found.id()).flatMap(count -> count >= MAX_FILTERS
                                ? Mono.error(new ApiException(HttpStatus.FORBIDDEN, "TooMany",
                                        "Maximum filters limit reached"))
                                : filters.create(found.id(), request.name(), request.query().toModel(), action,
                                        Boolean.TRUE.equals(request.disabled())))))
                .map(created -> new FilterRequests.Created(true, created.id().toHexString()));
    }

    @GetMapping("/users/{user}/filters/{filter}")
    Mono<FilterRequests.Details> get(@PathVariable String user, @PathVariable String filter) {
        ObjectId id = Access.id("filter", filter);
        return access.user(user, FILTERS, Action.READ)
                .flatMap(owner -> existing(owner, id))
                .map(found -> FilterRequests.Details.of(found, true, false));
    }

    @PutMapping("/users/{user}/filters/{filter}")
    Mono<Map<String, Boolean>> update(@PathVariable String user, @PathVariable String filter,
            @Valid @RequestBody FilterRequests.Update request) {
        ObjectId id = Access.id("filter", filter);
        return access.user(user, FILTERS, Action.UPDATE)
                .flatMap(owner -> existing(owner, id).flatMap(current -> (request.action() == null
                                ? Mono.just(current.action()) : action(owner, request.action()))
                        .flatMap(action -> filters.update(owner, id,
                                request.name() == null ? current.name() : request.name(),
                                request.query() == null ? current.query() : request.query().toModel(), action,
                                request.disabled() == null ? current.disabled() : request.disabled()))))
                .switchIfEmpty(Mono.error(FilterResource::notFound))
                .thenReturn(Map.of("success", true));
    }

    @DeleteMapping("/users/{user}/filters/{filter}")
    Mono<Map<String, Boolean>> delete(@PathVariable String user, @PathVariable String filter) {
        ObjectId id = Access.id("filter", filter);
        return access.user(user, FILTERS, Action.DELETE)
                .flatMap(owner -> filters.delete(owner, id))
                .flatMap(deleted -> deleted ? Mono.just(Map.of("success", true)) : Mono.error(notFound()));
    }

    /** The action as stored, once its mailbox is known to be the user's. */
    private Mono<FilterAction> action(ObjectId user, FilterRequests.Action request) {
        FilterAction action = request.toModel();
        return action.mailbox() == null ? Mono.just(action)
                : mailboxes.require(user, action.mailbox().toHexString()).thenReturn(action);
    }

    private Mono<Filter> existing(ObjectId user, ObjectId id) {
        return filters.get(user, id).switchIfEmpty(Mono.error(FilterResource::notFound));
    }

    private static ApiException notFound() {
        return ApiException.notFound("FilterNotFound", "This filter does not exist");
    }
}
