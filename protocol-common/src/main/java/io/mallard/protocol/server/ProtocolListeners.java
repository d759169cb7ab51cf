package io.mallard.protocol.server;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Flux;

/**
 * The listeners of one protocol service (for instance IMAP on its plain and its implicit-TLS
 * port), started and stopped together. A container owns it: start at start-up, close at shutdown.
 */
public final class ProtocolListeners implements AutoCloseable {

    private final List<ProtocolServer> servers;
    private final Duration grace;

    public ProtocolListeners(List<ServerConfig> configs, Duration grace) {
        this.servers = configs.stream().map(ProtocolServer::new).toList();
        this.grace = grace;
    }

    public void start() {
        servers.forEach(ProtocolServer::start);
    }

    public List<ProtocolServer> servers() {
        return servers;
    }

    /**
     * Says goodbye to every session, lets running commands finish within the grace period and
     * closes the rest. The container calls this on its shutdown thread, never on an event loop,
     * and must not return before the connections are gone, hence the wait.
     */
    @Override
    public void close() {
        Flux.fromIterable(servers)
                .flatMap(server -> server.shutdown(grace))
                .then()
                .block(grace.plusSeconds(5));
    }
}
