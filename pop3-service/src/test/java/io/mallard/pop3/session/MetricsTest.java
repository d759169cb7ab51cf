package io.mallard.pop3.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mallard.model.message.Message;
import io.mallard.model.user.User;
import io.mallard.pop3.support.Pop3TestServer;
import io.mallard.pop3.support.TestMessages;
import io.mallard.pop3.support.Transcript;
import io.micrometer.core.instrument.MeterRegistry;

/** Connections, commands and streamed octets show up in the application's meter registry. */
@Timeout(60)
class MetricsTest {

    private final Pop3TestServer server = Pop3TestServer.shared();

    @Test
    void countsConnectionsCommandsAndBytesSent() {
        MeterRegistry registry = server.bean(MeterRegistry.class);
        double connections = registry.counter("mallard.pop3.connections").count();
        double retrs = registry.counter("mallard.pop3.commands", "command", "RETR").count();
        double bytes = registry.counter("mallard.pop3.bytes.sent").count();
        User user = server.newUser("metrics");
        Message message = server.append(user.id(), TestMessages.numbered(1));
        Transcript.run(server.plain(), Map.of("user", user.username(), "password", Pop3TestServer.PASSWORD), """
                S: +OK...
                C: USER ${user}
                S: +OK...
                C: PASS ${password}
                S: +OK...
                C: RETR 1
                S: +OK...
                S: From: sender@example.com
                S: To: user@example.com
                S: Subject: Message 1
                S: Message-ID: <...
                S:
                S: Body of message 1
                S: ..starts with a dot
                S: last line
                S: .
                C: QUIT
                S: +OK...
                """);
        assertThat(registry.counter("mallard.pop3.connections").count()).isGreaterThanOrEqualTo(connections + 1);
        assertThat(registry.counter("mallard.pop3.commands", "command", "RETR").count()).isEqualTo(retrs + 1);
        // The message plus one stuffed dot and the terminator.
        assertThat(registry.counter("mallard.pop3.bytes.sent").count() - bytes).isEqualTo(message.size() + 1 + 3);
        assertThat(registry.get("mallard.pop3.connections.active").gauge().value()).isGreaterThanOrEqualTo(0);
    }
}
