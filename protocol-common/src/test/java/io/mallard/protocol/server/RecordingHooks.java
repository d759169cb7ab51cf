package io.mallard.protocol.server;

import io.mallard.protocol.hook.ConnectionDecision;
import io.mallard.protocol.hook.ConnectionHooks;
import io.mallard.protocol.hook.ConnectionInfo;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import reactor.core.publisher.Mono;

/** Hooks that remember every call and reject the connections a predicate picks, after a short delay. */
final class RecordingHooks implements ConnectionHooks {

    final Queue<ConnectionInfo> connects = new ConcurrentLinkedQueue<>();
    final Queue<ConnectionInfo> closes = new ConcurrentLinkedQueue<>();
    private final Predicate<ConnectionInfo> reject;

    RecordingHooks(Predicate<ConnectionInfo> reject) {
        this.reject = reject;
    }

    @Override
    public Mono<ConnectionDecision> onConnect(ConnectionInfo info) {
        connects.add(info);
        ConnectionDecision decision = reject.test(info)
                ? ConnectionDecision.reject("Blocked address")
                : ConnectionDecision.accept();
        // Decided off the event loop, as a lookup in a store would be.
        return Mono.delay(Duration.ofMillis(20)).thenReturn(decision);
    }

    @Override
    public void onClose(ConnectionInfo info) {
        closes.add(info);
    }
}
