package io.mallard.protocol.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.mallard.protocol.hook.ConnectionDecision;
import io.mallard.protocol.hook.ConnectionHooks;
import io.mallard.protocol.hook.ConnectionInfo;
import io.mallard.protocol.tls.SelfSignedCertificateStore;
import io.mallard.protocol.tls.TlsSettings;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

@Timeout(20)
class ListenerSettingsTest {

    private static TlsSettings tls;
    private final Queue<String> executed = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void certificates(@TempDir Path directory) {
        tls = TlsSettings.of(new SelfSignedCertificateStore(directory).loadOrCreate("mail.example.com").serverContext());
    }

    @Test
    void plainAndImplicitTlsPortsShareOnePerAddressLimit() {
        ListenerSettings settings = new ListenerSettings("127.0.0.1", 0, 0, Duration.ofMinutes(1), 1, false);
        try (ProtocolListeners listeners = settings.listeners("echo", tls, ConnectionHooks.ACCEPT_ALL,
                new EchoReplies(), UnaryOperator.identity(), info -> new EchoSession(executed))) {
            listeners.start();
            assertThat(listeners.servers()).hasSize(2);
            try (LineClient plain = new LineClient(address(listeners, 0))) {
                assertThat(plain.readLine()).isEqualTo("OK ready");
                plain.send("STARTTLS\r\n");
                assertThat(plain.readLine()).isEqualTo("OK begin TLS");
                try (LineClient implicit = LineClient.tls(address(listeners, 1), null)) {
                    assertThat(implicit.readLine()).isEqualTo("NO Too many connections from your address");
                }
            }
        }
    }

    @Test
    void noTlsPortMeansOnlyThePlainListenerAndTheProtocolsOwnOptionsApply() {
        ConnectionHooks closed = new ConnectionHooks() {
            @Override
            public Mono<ConnectionDecision> onConnect(ConnectionInfo info) {
                return Mono.just(ConnectionDecision.reject("Closed for maintenance"));
            }
        };
        ListenerSettings settings = new ListenerSettings("127.0.0.1", 0, null, Duration.ofMinutes(1), 5, false);
        try (ProtocolListeners listeners = settings.listeners("echo", tls, ConnectionHooks.ACCEPT_ALL,
                new EchoReplies(), builder -> builder.hooks(closed), info -> new EchoSession(executed))) {
            listeners.start();
            assertThat(listeners.servers()).hasSize(1);
            try (LineClient client = new LineClient(address(listeners, 0))) {
                assertThat(client.readLine()).isEqualTo("NO Closed for maintenance");
            }
        }
    }

    private static InetSocketAddress address(ProtocolListeners listeners, int index) {
        return listeners.servers().get(index).address();
    }
}
