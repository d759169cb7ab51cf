package io.mallard.protocol.proxy;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;

/**
 * The one place that says who the client is. Behind a load balancer speaking the PROXY protocol
 * the socket's peer is the balancer; limits, hooks and logs must use the address from the header.
 */
public final class ClientAddress {

    /** Fired down the pipeline once the PROXY header has been read (or skipped). */
    public static final Object RESOLVED = new Object() {
        @Override
        public String toString() {
            return "ClientAddress.RESOLVED";
        }
    };

    private static final AttributeKey<InetSocketAddress> REMOTE = AttributeKey.valueOf("mallard.remoteAddress");
    private static final AttributeKey<InetSocketAddress> LOCAL = AttributeKey.valueOf("mallard.localAddress");

    private ClientAddress() {
    }

    /** The client: from the PROXY header when there was one, else the socket's peer. */
    public static InetSocketAddress remote(Channel channel) {
        InetSocketAddress proxied = channel.attr(REMOTE).get();
        return proxied != null ? proxied : (InetSocketAddress) channel.remoteAddress();
    }

    /** The address the client connected to: from the PROXY header when there was one. */
    public static InetSocketAddress local(Channel channel) {
        InetSocketAddress proxied = channel.attr(LOCAL).get();
        return proxied != null ? proxied : (InetSocketAddress) channel.localAddress();
    }

    static void set(Channel channel, InetSocketAddress remote, InetSocketAddress local) {
        channel.attr(REMOTE).set(remote);
        channel.attr(LOCAL).set(local);
    }
}
