package io.mallard.protocol.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.DomainWildcardMappingBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's certificates: a default one, and optionally one per host name chosen by the
 * client's SNI extension (RFC 6066 §3). Clients that send no SNI, or an unknown name, get the
 * default. Immutable; share one per listener.
 */
public final class TlsSettings {

    private final SslContext defaultContext;
    private final Map<String, SslContext> byHostName;

    private TlsSettings(SslContext defaultContext, Map<String, SslContext> byHostName) {
        this.defaultContext = defaultContext;
        this.byHostName = Map.copyOf(byHostName);
    }

    public static TlsSettings of(SslContext defaultContext) {
        return new TlsSettings(defaultContext, Map.of());
    }

    /** A copy that serves {@code context} to clients asking for {@code hostName} ({@code *.example.com} allowed). */
    public TlsSettings withHostName(String hostName, SslContext context) {
        Map<String, SslContext> names = new LinkedHashMap<>(byHostName);
        names.put(hostName, context);
        return new TlsSettings(defaultContext, names);
    }

    /** A handler for one connection: a plain {@code SslHandler}, or an {@code SniHandler} that becomes one. */
    public ChannelHandler newHandler(ByteBufAllocator allocator) {
        if (byHostName.isEmpty()) {
            return defaultContext.newHandler(allocator);
        }
        DomainWildcardMappingBuilder<SslContext> mapping = new DomainWildcardMappingBuilder<>(defaultContext);
        byHostName.forEach(mapping::add);
        return new SniHandler(mapping.build());
    }
}
