package io.mallard.imap.session;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The IMAP server's Micrometer meters: open and total connections, and every command's latency
 * tagged by command name and result (the tagged status it ended with), as a histogram.
 */
public final class ImapMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger open = new AtomicInteger();
    private final Counter connections;

    public ImapMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("mallard.imap.connections.open", open);
        this.connections = registry.counter("mallard.imap.connections");
    }

    void opened() {
        open.incrementAndGet();
        connections.increment();
    }

    void closed() {
        open.decrementAndGet();
    }

    void command(String name, String result, long nanos) {
        Timer.builder("mallard.imap.commands").tag("command", name).tag("result", result)
                .publishPercentileHistogram().register(registry).record(Duration.ofNanos(nanos));
    }
}
