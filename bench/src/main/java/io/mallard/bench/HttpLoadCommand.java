package io.mallard.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import com.sun.management.OperatingSystemMXBean;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * GETs of one URL over a fixed set of keep-alive connections, in two disciplines:
 * <ul>
 * <li>closed loop: every connection sends its next request when the last one is answered, so
 * the offered load is whatever the server sustains and, by Little's law, a request waits
 * about {@code connections / throughput} however fast the server is;</li>
 * <li>open loop at a fixed rate (as wrk2 does): request {@code i} is due at
 * {@code start + i / rate} whether or not earlier ones were answered, spread over the same
 * connections (the pool leases the longest-idle one first), and its latency counts from when it
 * was due, so a stalled server is charged for the requests it kept waiting (no coordinated
 * omission).</li>
 * </ul>
 * The closed loop runs first and also opens every connection; then each rate gets its phase.
 */
@Command(name = "http-load", description = "closed-loop and fixed-rate (open-loop) GET load on one URL")
final class HttpLoadCommand implements Callable<Integer> {

    /** Latencies above this are recorded as this (an hour, in microseconds). */
    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    @Option(names = "--connections", defaultValue = "500", description = "keep-alive connections")
    int connections;

    @Option(names = "--seconds", defaultValue = "30", description = "length of each measured phase")
    int seconds;

    @Option(names = "--warmup", defaultValue = "10", description = "seconds of untimed closed-loop load first")
    int warmup;

    @Option(names = "--rates", split = ",", description = "open-loop rates (requests/s) to run after the closed loop")
    List<Integer> rates = List.of();

    @Option(names = {"-H", "--header"}, description = "request header, 'Name: value'")
    List<String> headers = List.of();

    @Parameters(index = "0", description = "the URL to GET")
    String url;

    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Override
    public Integer call() throws InterruptedException {
        ConnectionProvider pool = ConnectionProvider.builder("http-load").maxConnections(connections)
                .pendingAcquireMaxCount(-1).pendingAcquireTimeout(Duration.ofMinutes(10)).fifo().build();
        LoopResources loops = LoopResources.create("http-load", 2, true);
        HttpClient client = HttpClient.create(pool).runOn(loops).headers(h -> headers.forEach(header -> {
            int colon = header.indexOf(':');
            h.add(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
        }));
        Mono<Integer> get = client.get().uri(url)
                .responseSingle((response, body) -> body.asByteArray().then(Mono.just(response.status().code())));
        try {
            report("warm-up closed loop", closedLoop(get, warmup));
            report("closed loop", closedLoop(get, seconds));
            for (int rate : rates) {
                report("open loop at " + rate + "/s", openLoop(get, rate, seconds));
            }
        } finally {
            pool.disposeLater().block(Duration.ofSeconds(10));
            loops.disposeLater().block(Duration.ofSeconds(10));
        }
        return 0;
    }

    private Phase closedLoop(Mono<Integer> get, int phaseSeconds) {
        Phase phase = new Phase(phaseSeconds);
        long deadline = phase.started + TimeUnit.SECONDS.toNanos(phaseSeconds);
        Flux.range(0, connections)
                .flatMap(connection -> Mono.defer(() -> phase.timed(get, System.nanoTime()))
                        .repeat(() -> System.nanoTime() < deadline), connections)
                .blockLast(Duration.ofSeconds(phaseSeconds + 600L));
        return phase.finish();
    }

    /** Request {@code i} is sent at {@code start + i / rate}; answers still missing a minute after the last send are errors. */
    private Phase openLoop(Mono<Integer> get, int rate, int phaseSeconds) throws InterruptedException {
        Phase phase = new Phase(phaseSeconds);
        int total = rate * phaseSeconds;
        CountDownLatch answered = new CountDownLatch(total);
        double interval = 1e9 / rate;
        for (int i = 0; i < total; i++) {
            long due = phase.started + (long) (i * interval);
            long early = due - System.nanoTime();
            if (early > 0) {
                LockSupport.parkNanos(early);
            }
            phase.timed(get, due).doFinally(signal -> answered.countDown()).subscribe();
        }
        if (!answered.await(60, TimeUnit.SECONDS)) {
            phase.errors.addAndGet(answered.getCount());
        }
        return phase.finish();
    }

    private void report(String label, Phase phase) {
        Histogram h = phase.latencies;
        System.out.printf("%s, %d connections, %d s: %.0f requests/s, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, "
                        + "p99.9 %.1f ms, max %.1f ms, errors %d, client CPU %.0f%% of one core%n",
                label, connections, phase.seconds, h.getTotalCount() / phase.elapsedSeconds, millis(h, 50), millis(h, 90),
                millis(h, 99), millis(h, 99.9), h.getMaxValue() / 1000.0, phase.errors.get(),
                100 * phase.cpuSeconds / phase.elapsedSeconds);
    }

    private static double millis(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /** One measured phase: a latency histogram (microseconds), the errors, and the client's own CPU time. */
    private final class Phase {

        final int seconds;
        final long started = System.nanoTime();
        final long cpuStarted = os.getProcessCpuTime();
        final Histogram latencies = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        final AtomicLong errors = new AtomicLong();
        double elapsedSeconds;
        double cpuSeconds;

        Phase(int seconds) {
            this.seconds = seconds;
        }

        /** The request, its latency counted from {@code since}; a failure or a status other than 200 is an error. */
        Mono<Integer> timed(Mono<Integer> get, long since) {
            return get.doOnNext(status -> {
                if (status == 200) {
                    latencies.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - since) / 1000));
                } else {
                    errors.incrementAndGet();
                }
            }).onErrorResume(e -> {
                errors.incrementAndGet();
                return Mono.empty();
            });
        }

        Phase finish() {
            elapsedSeconds = (System.nanoTime() - started) / 1e9;
            cpuSeconds = (os.getProcessCpuTime() - cpuStarted) / 1e9;
            return this;
        }
    }
}
