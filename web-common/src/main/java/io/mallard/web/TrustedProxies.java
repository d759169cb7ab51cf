package io.mallard.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Which peers may name the client in {@code X-Forwarded-For}: single addresses or CIDR blocks
 * ({@code 10.0.0.0/8}), since on Kubernetes the gateway's pod address changes on every restart.
 */
final class TrustedProxies {

    private final List<Block> blocks;

    TrustedProxies(List<String> entries) {
        this.blocks = entries.stream().map(TrustedProxies::block).toList();
    }

    boolean trusts(String address) {
        byte[] bytes = literal(address);
        return bytes != null && blocks.stream().anyMatch(block -> block.contains(bytes));
    }

    private static Block block(String entry) {
        int slash = entry.indexOf('/');
        byte[] network = literal(slash < 0 ? entry : entry.substring(0, slash));
        if (network == null) {
            throw new IllegalArgumentException("Not an IP address or CIDR block: " + entry);
        }
        int bits = slash < 0 ? network.length * 8 : Integer.parseInt(entry.substring(slash + 1));
        if (bits < 0 || bits > network.length * 8) {
            throw new IllegalArgumentException("Bad prefix length in " + entry);
        }
        return new Block(network, bits);
    }

    /** The address bytes of an IP literal; null for anything else, so no name is ever resolved through DNS. */
    private static byte[] literal(String address) {
        if (address == null || !address.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private record Block(byte[] network, int bits) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
