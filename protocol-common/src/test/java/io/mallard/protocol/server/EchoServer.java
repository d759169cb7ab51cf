package io.mallard.protocol.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.UnaryOperator;

/** A {@link ProtocolServer} running {@link EchoSession} on a free loopback port, for one test. */
final class EchoServer implements AutoCloseable {

    final Queue<String> executed = new ConcurrentLinkedQueue<>();
    final ProtocolServer server;
    final InetSocketAddress address;

    EchoServer(UnaryOperator<ServerConfig.Builder> customizer) {
        ServerConfig.Builder builder = ServerConfig.builder("echo")
                .replies(new EchoReplies())
                .sessions(info -> new EchoSession(executed));
        server = new ProtocolServer(customizer.apply(builder).build());
        address = server.start();
    }

    LineClient connect() {
        return new LineClient(address);
    }

    @Override
    public void close() {
        server.shutdown(Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
    }
}
