package io.mallard.web;

import java.net.InetSocketAddress;
import java.util.List;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The client's IP, for the per-IP failure limit and the auth log. Behind the gateway every
 * request comes from the gateway, so {@code X-Forwarded-For} is honoured, but only from a
 * trusted proxy: anyone else could put a fresh address there on every guess. A service declares
 * it as a bean with its own list of trusted proxies.
 */
public final class ClientAddress {

    private final TrustedProxies trustedProxies;

    /** @param trustedProxies addresses or CIDR blocks of the proxies (the gateway) */
    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = new TrustedProxies(trustedProxies);
    }

    public String of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        String peer = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
        List<String> forwarded = request.getHeaders().getOrEmpty("X-Forwarded-For");
        if (!trustedProxies.trusts(peer) || forwarded.isEmpty()) {
            return peer;
        }
        // The last hop is the one our proxy added; earlier ones are the client's to forge.
        String[] hops = forwarded.get(forwarded.size() - 1).split(",");
        String last = hops[hops.length - 1].trim();
        return last.isEmpty() ? peer : last;
    }
}
