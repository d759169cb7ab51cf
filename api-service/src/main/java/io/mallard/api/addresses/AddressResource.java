package io.mallard.api.addresses;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;

import org.bson.types.ObjectId;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.mallard.api.web.Access;
import io.mallard.api.webhooks.WebhookEvents;
import io.mallard.model.access.Action;
import io.mallard.model.address.AddressNormalizer;
import io.mallard.model.address.AddressStore;
import io.mallard.model.address.DomainAliasStore;
import io.mallard.model.user.UserStore;
import io.mallard.web.ApiException;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/** WildDuck's user addresses ({@code /users/{user}/addresses}), address resolution and domain renames. */
@RestController
@Tag(name = "Addresses")
class AddressResource {

    private static final String ADDRESSES = "addresses";

    private final Access access;
    private final AddressStore addresses;
    private final UserStore users;
    private final DomainAliasStore aliases;
    private final WebhookEvents events;

    AddressResource(Access access, AddressStore addresses, UserStore users, DomainAliasStore aliases,
            WebhookEvents events) {
        this.access = access;
        this.addresses = addresses;
        this.users = users;
        this.aliases = aliases;
        this.events = events;
    }

    @GetMapping("/users/{user}/addresses")
    Mono<AddressRequests.Listing> list(@PathVariable String user) {
        return access.user(user, ADDRESSES, Action.READ)
                .flatMap(this::existingUser)
                .flatMap(id -> addresses.listFor(id).map(AddressRequests.Listed::of).collectList())
                .map(results -> new AddressRequests.Listing(true, results));
    }

    @PostMapping("/users/{user}/addresses")
    Mono<AddressRequests.Created> create(@PathVariable String user,
            @Valid @RequestBody AddressRequests.Create request) {
        boolean main = Boolean.TRUE.equals(request.main());
        return access.user(user, ADDRESSES, Action.CREATE)
                .flatMap(this::existingUser)
                .flatMap(id -> addresses.addToUser(id, request.address(), false,
                                request.tags() == null ? List.of() : request.tags())
                        // Added first, then made main: the store keeps exactly one main address per user.
                        .flatMap(added -> main ? addresses.setMain(id, added.id()).thenReturn(added) : Mono.just(added))
                        .flatMap(added -> events.publish("address.user.created", id, Map.of("address",
                                added.id().toHexString(), "value", added.address())).thenReturn(added)))
                .map(added -> new AddressRequests.Created(true, added.id().toHexString()));
    }

    @PutMapping("/users/{user}/addresses/{address}")
    Mono<Map<String, Boolean>> update(@PathVariable String user, @PathVariable String address,
            @Valid @RequestBody AddressRequests.Update request) {
        ObjectId addressId = Access.id("address", address);
        return access.user(user, ADDRESSES, Action.UPDATE)
                .flatMap(id -> owned(id, addressId).flatMap(found -> request.main() && !found
                        ? addresses.setMain(id, addressId)
                        : Mono.<Void>empty()))
                .thenReturn(Map.of("success", true));
    }

    @DeleteMapping("/users/{user}/addresses/{address}")
    Mono<Map<String, Boolean>> delete(@PathVariable String user, @PathVariable String address) {
        ObjectId addressId = Access.id("address", address);
        return access.user(user, ADDRESSES, Action.DELETE)
                .flatMap(id -> addresses.delete(id, addressId)
                        .onErrorMap(IllegalStateException.class, e -> new ApiException(HttpStatus.BAD_REQUEST,
                                "NotPermitted", "The main address cannot be deleted"))
                        .flatMap(deleted -> deleted
                                ? events.publish("address.user.deleted", id, Map.of("address", addressId.toHexString()))
                                        .thenReturn(Map.of("success", true))
                                : Mono.error(notFound())));
    }

    @GetMapping("/addresses/resolve/{address}")
    Mono<AddressRequests.Resolved> resolve(@PathVariable String address) {
        return access.caller().flatMap(grant -> Mono.fromCallable(() -> AddressNormalizer.view(address))
                .flatMap(addresses::findByView)
                .map(found -> {
                    // Forwarded addresses belong to no user: only "any" grants reach them.
                    if (!access.may(grant, "addresslisting", Action.READ, found.user())) {
                        throw Access.forbidden();
                    }
                    return AddressRequests.Resolved.of(found);
                })
                .switchIfEmpty(Mono.error(() -> access.may(grant, "addresslisting", Action.READ, null)
                        ? notFound() : Access.forbidden())));
    }

    /**
     * A tenant's domain changes name: every address on it (users' and forwarded) and every alias
     * of it move to the new name. Stops at the first address already taken on the new domain;
     * what moved stays moved, so the same call finishes the job once the conflict is resolved.
     */
    @PutMapping("/addresses/renameDomain")
    Mono<AddressRequests.Renamed> renameDomain(@Valid @RequestBody AddressRequests.RenameDomain request) {
        return access.any(ADDRESSES, Action.UPDATE)
                .then(addresses.renameDomain(request.oldDomain(), request.newDomain()))
                .flatMap(moved -> aliases.renameDomain(request.oldDomain(), request.newDomain())
                        .map(aliasesMoved -> new AddressRequests.Renamed(true, moved, 0, 0, aliasesMoved)));
    }

    /** Whether the address is the user's main one; 404 when it is not the user's at all. */
    private Mono<Boolean> owned(ObjectId user, ObjectId addressId) {
        return addresses.listFor(user).filter(found -> found.id().equals(addressId)).next()
                .map(found -> found.main())
                .switchIfEmpty(Mono.error(AddressResource::notFound));
    }

    private Mono<ObjectId> existingUser(ObjectId id) {
        return users.get(id).map(found -> id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("UserNotFound", "This user does not exist")));
    }

    private static ApiException notFound() {
        return ApiException.notFound("AddressNotFound", "This address does not exist");
    }
}
