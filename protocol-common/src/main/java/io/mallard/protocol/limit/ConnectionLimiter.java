package io.mallard.protocol.limit;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts open connections per client address. One instance is shared by all listeners of a
 * server instance (e.g. IMAP on 143 and 993), so a client cannot double its share by switching port.
 */
public final class ConnectionLimiter {

    private final int maxPerAddress;
    private final ConcurrentMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

    public ConnectionLimiter(int maxPerAddress) {
        if (maxPerAddress < 1) {
            throw new IllegalArgumentException("maxPerAddress must be positive: " + maxPerAddress);
        }
        this.maxPerAddress = maxPerAddress;
    }

    /** Takes a slot for {@code address}; false when it already holds the maximum. */
    public boolean tryAcquire(InetAddress address) {
        boolean[] acquired = {false};
        open.compute(address, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerAddress) {
                return count;
            }
            acquired[0] = true;
            return current + 1;
        });
        return acquired[0];
    }

    /** Gives back a slot taken by {@link #tryAcquire}; the entry goes away at zero to keep the map small. */
    public void release(InetAddress address) {
        open.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
    }

    public int openConnections(InetAddress address) {
        return open.getOrDefault(address, 0);
    }
}
