package io.mallard.lmtp.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Mono;

/**
 * Micrometer meters of delivery: {@code mallard.lmtp.deliveries} per outcome, the delivered
 * {@code mallard.lmtp.message.bytes} and the per-recipient {@code mallard.lmtp.delivery.latency}.
 */
public final class DeliveryMetrics {

    private final MeterRegistry registry;
    private final DistributionSummary bytes;
    private final Timer latency;

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.bytes = DistributionSummary.builder("mallard.lmtp.message.bytes").baseUnit("bytes").register(registry);
        this.latency = Timer.builder("mallard.lmtp.delivery.latency").register(registry);
    }

    Mono<DeliveryOutcome> timed(Mono<DeliveryOutcome> delivery, long size) {
        return Mono.defer(() -> {
            Timer.Sample sample = Timer.start(registry);
            return delivery.doOnNext(outcome -> {
                sample.stop(latency);
                outcome(outcome);
                if (outcome.accepted()) {
                    bytes.record(size);
                }
            });
        });
    }

    /** Counts an outcome decided without a delivery attempt, e.g. a message refused as too big. */
    public void outcome(DeliveryOutcome outcome) {
        Counter.builder("mallard.lmtp.deliveries").tag("outcome", outcome.tag()).register(registry).increment();
    }
}
