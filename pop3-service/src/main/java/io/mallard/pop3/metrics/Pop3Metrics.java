package io.mallard.pop3.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.mallard.pop3.codec.Verb;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The POP3 service's meters: {@code mallard.pop3.connections} (opened, counter) and
 * {@code mallard.pop3.connections.active} (gauge), {@code mallard.pop3.commands} by command, and
 * {@code mallard.pop3.bytes.sent}, the octets of streamed RETR/TOP responses, where nearly all of
 * a POP3 server's traffic is.
 */
public final class Pop3Metrics {

    private final Counter connections;
    private final AtomicInteger active = new AtomicInteger();
    private final Map<Verb, Counter> commands = new EnumMap<>(Verb.class);
    private final Counter bytesSent;

    public Pop3Metrics(MeterRegistry registry) {
        connections = Counter.builder("mallard.pop3.connections").description("POP3 connections opened")
                .register(registry);
        Gauge.builder("mallard.pop3.connections.active", active, AtomicInteger::get)
                .description("POP3 connections open now").register(registry);
        for (Verb verb : Verb.values()) {
            commands.put(verb, Counter.builder("mallard.pop3.commands").tag("command", verb.name())
                    .description("POP3 commands run").register(registry));
        }
        bytesSent = Counter.builder("mallard.pop3.bytes.sent").baseUnit("bytes")
                .description("Octets of RETR and TOP responses sent").register(registry);
    }

    public void connectionOpened() {
        connections.increment();
        active.incrementAndGet();
    }

    public void connectionClosed() {
        active.decrementAndGet();
    }

    public void command(Verb verb) {
        commands.get(verb).increment();
    }

    public void sent(long octets) {
        bytesSent.increment(octets);
    }
}
