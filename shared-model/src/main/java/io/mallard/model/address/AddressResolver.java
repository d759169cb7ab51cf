package io.mallard.model.address;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import reactor.core.publisher.Mono;

/**
 * Resolves a recipient (LMTP RCPT TO, the API, a login name) to a user or a forward, in
 * WildDuck's order: the exact normalized address; the same local part on the real domain when
 * the domain is an alias; the local part without its {@code +tag} (on the domain, then on the
 * aliased domain); wildcard patterns, the longest literal part first ({@code prefix*} before
 * {@code *suffix} at equal length, the domain before its alias); the catch-all {@code *@domain};
 * last {@code local@*}. A step's candidates are fetched in one {@code $in} query and the best
 * match is picked here, so a miss costs three queries plus the alias lookup.
 */
public final class AddressResolver {

    private final AddressStore addresses;
    private final DomainAliasStore aliases;
    private final OwnerStatus owners;

    public AddressResolver(AddressStore addresses, DomainAliasStore aliases, OwnerStatus owners) {
        this.addresses = addresses;
        this.aliases = aliases;
        this.owners = owners;
    }

    /** Full resolution for delivery, wildcards and catch-alls included. */
    public Mono<Resolution> resolve(String rcpt) {
        return resolve(rcpt, true);
    }

    /**
     * Resolution for a login name: no wildcards, or a catch-all would let any made-up address
     * stand for the catch-all's owner.
     */
    public Mono<Resolution> resolveForLogin(String address) {
        return resolve(address, false);
    }

    private Mono<Resolution> resolve(String rcpt, boolean wildcards) {
        return Mono.fromCallable(() -> AddressNormalizer.view(rcpt))
                .flatMap(view -> {
                    int at = view.lastIndexOf('@');
                    String local = view.substring(0, at);
                    String domain = view.substring(at + 1);
                    return addresses.findByView(view)
                            .map(found -> new Candidate(found.addrview(), Resolution.Match.EXACT, found))
                            .switchIfEmpty(Mono.defer(() -> aliases.domainOf(domain).map(Optional::of)
                                    .defaultIfEmpty(Optional.empty())
                                    .flatMap(alias -> afterExact(local, domain, alias.orElse(null), wildcards))));
                })
                .flatMap(this::toResolution)
                .defaultIfEmpty(new Resolution.NotFound());
    }

    private Mono<Candidate> afterExact(String local, String domain, String alias, boolean wildcards) {
        String base = AddressNormalizer.stripTag(local);
        List<Candidate> near = new ArrayList<>();
        if (alias != null) {
            near.add(new Candidate(local + "@" + alias, Resolution.Match.DOMAIN_ALIAS, null));
        }
        if (!base.equals(local)) {
            near.add(new Candidate(base + "@" + domain, Resolution.Match.TAG_STRIPPED, null));
            if (alias != null) {
                near.add(new Candidate(base + "@" + alias, Resolution.Match.TAG_STRIPPED, null));
            }
        }
        Mono<Candidate> nearMatch = best(near);
        return wildcards ? nearMatch.switchIfEmpty(Mono.defer(() -> best(wildcardCandidates(base, domain, alias)))) : nearMatch;
    }

    private static List<Candidate> wildcardCandidates(String base, String domain, String alias) {
        List<Candidate> candidates = new ArrayList<>();
        List<String> domains = alias == null ? List.of(domain) : List.of(domain, alias);
        for (String candidateDomain : domains) {
            for (int length = Math.min(base.length(), AddressNormalizer.MAX_WILDCARD_PARTIAL); length > 0; length--) {
                candidates.add(new Candidate(base.substring(0, length) + "*@" + candidateDomain, Resolution.Match.WILDCARD, null));
                candidates.add(new Candidate("*" + base.substring(base.length() - length) + "@" + candidateDomain,
                        Resolution.Match.WILDCARD, null));
            }
        }
        for (String candidateDomain : domains) {
            candidates.add(new Candidate("*@" + candidateDomain, Resolution.Match.CATCH_ALL, null));
        }
        candidates.add(new Candidate(base + "@*", Resolution.Match.CATCH_ALL, null));
        return candidates;
    }

    /** Fetches all candidates at once and keeps the one earliest in the list. */
    private Mono<Candidate> best(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return Mono.empty();
        }
        List<String> views = candidates.stream().map(Candidate::view).toList();
        return addresses.findByViews(views)
                .map(found -> {
                    Candidate wanted = candidates.get(views.indexOf(found.addrview()));
                    return new Candidate(wanted.view(), wanted.match(), found);
                })
                .sort(Comparator.comparingInt(candidate -> views.indexOf(candidate.view())))
                .next();
    }

    private Mono<Resolution> toResolution(Candidate candidate) {
        Address address = candidate.found();
        if (address.forwarded()) {
            return Mono.just(new Resolution.Forwarded(address, address.targets(), candidate.match()));
        }
        return owners.disabled(address.user())
                .map(disabled -> new Resolution.ToUser(address, address.user(), disabled, candidate.match()));
    }

    private record Candidate(String view, Resolution.Match match, Address found) {
    }
}
