package io.mallard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which peers may name the client: the per-IP limit is only as good as this. */
class TrustedProxiesTest {

    private final TrustedProxies proxies = new TrustedProxies(List.of("127.0.0.1", "::1", "10.42.0.0/16", "fd00::/8"));

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "127.0.0.1, true",
            "127.0.0.2, false",
            "0:0:0:0:0:0:0:1, true",
            "10.42.7.9, true",
            "10.43.0.1, false",
            "fd12:3456::1, true",
            "fe80::1, false",
            "::ffff:10.42.0.1, true",
            "localhost, false",
            "example.com, false",
            "'', false"})
    void matchesAddressesAndBlocks(String address, boolean trusted) {
        assertThat(proxies.trusts(address)).isEqualTo(trusted);
    }

    @Test
    void rejectsNamesAndBadPrefixes() {
        assertThatThrownBy(() -> new TrustedProxies(List.of("gateway.local"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrustedProxies(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
    }
}
