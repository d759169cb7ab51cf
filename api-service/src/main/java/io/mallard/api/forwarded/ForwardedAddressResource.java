package io.mallard.api.forwarded;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;

import org.bson.types.ObjectId;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.mallard.api.web.Access;
import io.mallard.web.ApiException;
import io.mallard.model.access.Action;
import io.mallard.model.address.AddressStore;
import io.mallard.model.address.InvalidAddressException;
import io.mallard.model.ratelimit.DailyCounter;
import io.mallard.model.store.RedisStore;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * WildDuck's {@code /addresses/forwarded}: addresses with no mailbox whose mail LMTP sends on to
 * their targets. They belong to no user, so only roles with {@code any} grants reach them; a
 * user's address id is answered like an unknown one. {@code GET /addresses/resolve/{address}}
 * finds them too.
 */
@RestController
@Tag(name = "Addresses")
class ForwardedAddressResource {

    private static final String ADDRESSES = "addresses";
    private static final String BASE = "/addresses/forwarded";

    private final Access access;
    private final AddressStore addresses;
    private final DailyCounter forwards;

    ForwardedAddressResource(Access access, AddressStore addresses, RedisStore redis, Clock clock) {
        this.access = access;
        this.addresses = addresses;
        this.forwards = new DailyCounter(redis.commands(), clock, DailyCounter.FORWARDS);
    }

    @PostMapping(BASE)
    Mono<ForwardedRequests.Created> create(@Valid @RequestBody ForwardedRequests.Create request) {
        return access.any(ADDRESSES, Action.CREATE)
                .then(Mono.defer(() -> request.address().contains("*") && !Boolean.TRUE.equals(request.allowWildcard())
                        ? Mono.error(new InvalidAddressException(request.address(), "a wildcard address needs allowWildcard"))
                        : addresses.addForwarded(request.address(), request.targets(),
                                request.forwards() == null ? 0 : request.forwards(),
                                request.tags() == null ? List.of() : request.tags())))
                .map(created -> new ForwardedRequests.Created(true, created.id().toHexString()));
    }

    @GetMapping(BASE + "/{address}")
    Mono<ForwardedRequests.Details> get(@PathVariable String address) {
        ObjectId id = Access.id("address", address);
        return access.any(ADDRESSES, Action.READ)
                .then(addresses.forwarded(id))
                .switchIfEmpty(Mono.error(ForwardedAddressResource::notFound))
                .flatMap(found -> forwards.today(found.id().toHexString())
                        .map(used -> ForwardedRequests.Details.of(found,
                                new ForwardedRequests.Forwards(found.forwardsPerDay(), used, forwards.secondsLeft()))));
    }

    @PutMapping(BASE + "/{address}")
    Mono<Map<String, Boolean>> update(@PathVariable String address, @Valid @RequestBody ForwardedRequests.Update request) {
        ObjectId id = Access.id("address", address);
        return access.any(ADDRESSES, Action.UPDATE)
                .then(addresses.updateForwarded(id, request.address(), request.targets(), request.forwards(), request.tags()))
                .switchIfEmpty(Mono.error(ForwardedAddressResource::notFound))
                .thenReturn(Map.of("success", true));
    }

    @DeleteMapping(BASE + "/{address}")
    Mono<Map<String, Boolean>> delete(@PathVariable String address) {
        ObjectId id = Access.id("address", address);
        return access.any(ADDRESSES, Action.DELETE)
                .then(addresses.deleteForwarded(id))
                .flatMap(deleted -> deleted ? Mono.just(Map.of("success", true)) : Mono.error(notFound()));
    }

    private static ApiException notFound() {
        return ApiException.notFound("AddressNotFound", "This address does not exist");
    }
}
