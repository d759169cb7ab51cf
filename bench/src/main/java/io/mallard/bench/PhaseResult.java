package io.mallard.bench;

/**
 * What one timed phase measured: the merged latencies, its length, and the CPU the client
 * process used meanwhile (to show that the client is not the bottleneck).
 */
record PhaseResult(OpLog log, double seconds, double clientCpuSeconds) {

    double opsPerSecond(Operation operation) {
        return (operation == null ? log.sorted(null).length : log.count(operation)) / seconds;
    }

    double p50Millis(Operation operation) {
        return OpLog.percentileMillis(log.sorted(operation), 0.5);
    }

    double p99Millis(Operation operation) {
        return OpLog.percentileMillis(log.sorted(operation), 0.99);
    }

    /** Client CPU as a share of one core, in percent. */
    double clientCpuPercent() {
        return 100 * clientCpuSeconds / seconds;
    }
}
