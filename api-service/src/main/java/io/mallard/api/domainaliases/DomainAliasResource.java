package io.mallard.api.domainaliases;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.bson.types.ObjectId;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.mallard.api.web.Access;
import io.mallard.api.web.Page;
import io.mallard.model.access.Action;
import io.mallard.model.address.AddressNormalizer;
import io.mallard.model.address.DomainAlias;
import io.mallard.model.address.DomainAliasStore;
import io.mallard.web.ApiException;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * WildDuck's {@code /domainaliases}: mail for {@code user@alias} goes to {@code user@domain}.
 * Platform-wide, so only roles with {@code any} grants (root, manager) reach it.
 */
@RestController
@Tag(name = "Domain Aliases")
class DomainAliasResource {

    private static final String ALIASES = "domainaliases";

    private final Access access;
    private final DomainAliasStore aliases;

    DomainAliasResource(Access access, DomainAliasStore aliases) {
        this.access = access;
        this.aliases = aliases;
    }

    record Create(@NotBlank @Size(max = 253) String alias, @NotBlank @Size(max = 253) String domain) {
    }

    record Created(boolean success, String id) {
    }

    record Details(Boolean success, String id, String alias, String domain, Instant created) {

        static Details of(DomainAlias alias, Boolean success) {
            return new Details(success, alias.id().toHexString(), alias.alias(), alias.domain(), alias.created());
        }
    }

    record Listing(boolean success, List<Details> results) {
    }

    /** @param query a part of the alias or the domain */
    @GetMapping("/domainaliases")
    Mono<Listing> list(@RequestParam(required = false) @Size(max = 253) String query,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Page.MAX_LIMIT) int limit) {
        String part = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        return access.any(ALIASES, Action.READ)
                .thenMany(aliases.list())
                .filter(alias -> alias.alias().contains(part) || alias.domain().contains(part))
                .take(limit)
                .map(alias -> Details.of(alias, null))
                .collectList()
                .map(results -> new Listing(true, results));
    }

    @PostMapping("/domainaliases")
    Mono<Created> create(@Valid @RequestBody Create request) {
        return access.any(ALIASES, Action.CREATE)
                .then(aliases.add(request.alias(), request.domain()))
                .map(created -> new Created(true, created.id().toHexString()));
    }

    @GetMapping("/domainaliases/resolve/{alias}")
    Mono<Created> resolve(@PathVariable String alias) {
        return access.any(ALIASES, Action.READ)
                .then(Mono.fromCallable(() -> AddressNormalizer.domain(alias)))
                .flatMapMany(normalized -> aliases.list().filter(found -> found.alias().equals(normalized)))
                .next()
                .map(found -> new Created(true, found.id().toHexString()))
                .switchIfEmpty(Mono.error(DomainAliasResource::notFound));
    }

    @GetMapping("/domainaliases/{alias}")
    Mono<Details> get(@PathVariable String alias) {
        ObjectId id = Access.id("alias", alias);
        return access.any(ALIASES, Action.READ).then(byId(id)).map(found -> Details.of(found, true));
    }

    @DeleteMapping("/domainaliases/{alias}")
    Mono<Map<String, Boolean>> delete(@PathVariable String alias) {
        ObjectId id = Access.id("alias", alias);
        return access.any(ALIASES, Action.DELETE)
                .then(byId(id))
                .flatMap(found -> aliases.delete(found.alias()))
                .thenReturn(Map.of("success", true));
    }

    /** The store keys aliases by name; the API by id, as WildDuck. A platform holds few aliases. */
    private Mono<DomainAlias> byId(ObjectId id) {
        return aliases.list().filter(found -> found.id().equals(id)).next()
                .switchIfEmpty(Mono.error(DomainAliasResource::notFound));
    }

    private static ApiException notFound() {
        return ApiException.notFound("AliasNotFound", "This domain alias does not exist");
    }
}
