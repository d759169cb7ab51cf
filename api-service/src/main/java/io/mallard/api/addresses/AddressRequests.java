package io.mallard.api.addresses;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.mallard.model.address.Address;

/** Bodies of the address resource, with WildDuck's field names. */
final class AddressRequests {

    /** A domain name as typed (Unicode or punycode); the store normalizes it. */
    static final String DOMAIN = "[^@\\s*/]+";
    static final String DOMAIN_MESSAGE = "must be a domain name";

    private AddressRequests() {
    }

    record Create(@NotBlank @Size(max = 320) String address, Boolean main,
            @Size(max = 100) List<@NotBlank @Size(max = 128) String> tags) {
    }

    /** Only {@code main} can change yet: the store has no tag update. */
    record Update(@NotNull Boolean main) {
    }

    record Created(boolean success, String id) {
    }

    record RenameDomain(@NotBlank @Size(max = 253) @Pattern(regexp = DOMAIN, message = DOMAIN_MESSAGE) String oldDomain,
            @NotBlank @Size(max = 253) @Pattern(regexp = DOMAIN, message = DOMAIN_MESSAGE) String newDomain) {
    }

    /**
     * WildDuck's counts: users keep no copy of their address here and there are no DKIM keys yet,
     * so those two are always 0.
     */
    record Renamed(boolean success, long modifiedAddresses, long modifiedUsers, long modifiedDkim,
            long modifiedAliases) {
    }

    record Listed(String id, String address, boolean main, List<String> tags, Instant created) {

        static Listed of(Address address) {
            return new Listed(address.id().toHexString(), address.address(), address.main(), address.tags(),
                    address.created());
        }
    }

    record Listing(boolean success, List<Listed> results) {
    }

    /** {@code GET /addresses/resolve/{address}}; {@code user} is absent for forwarded addresses. */
    record Resolved(boolean success, String id, String address, String user, List<String> targets, List<String> tags,
            Instant created) {

        static Resolved of(Address address) {
            return new Resolved(true, address.id().toHexString(), address.address(),
                    address.user() == null ? null : address.user().toHexString(),
                    address.targets().stream().map(target -> target.value()).toList(), address.tags(), address.created());
        }
    }
}
