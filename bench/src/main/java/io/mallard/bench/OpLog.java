package io.mallard.bench;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Latencies in microseconds by operation, one log per client thread, merged after a phase. */
final class OpLog {

    private final Map<Operation, long[]> latencies = new EnumMap<>(Operation.class);
    private final Map<Operation, Integer> counts = new EnumMap<>(Operation.class);
    private long errors;
    private String firstError;

    void record(Operation operation, long micros) {
        long[] values = latencies.computeIfAbsent(operation, o -> new long[1024]);
        int count = counts.getOrDefault(operation, 0);
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
            latencies.put(operation, values);
        }
        values[count] = micros;
        counts.put(operation, count + 1);
    }

    void error(String what) {
        errors++;
        if (firstError == null) {
            firstError = what;
        }
    }

    long errors() {
        return errors;
    }

    String firstError() {
        return firstError;
    }

    int count(Operation operation) {
        return counts.getOrDefault(operation, 0);
    }

    /** The latencies of one operation, or of all of them for {@code null}, sorted. */
    long[] sorted(Operation operation) {
        long[] result;
        if (operation == null) {
            result = new long[counts.values().stream().mapToInt(Integer::intValue).sum()];
            int at = 0;
            for (Operation each : Operation.values()) {
                int n = count(each);
                if (n > 0) {
                    System.arraycopy(latencies.get(each), 0, result, at, n);
                    at += n;
                }
            }
        } else {
            result = Arrays.copyOf(latencies.getOrDefault(operation, new long[0]), count(operation));
        }
        Arrays.sort(result);
        return result;
    }

    static OpLog merge(List<OpLog> logs) {
        OpLog merged = new OpLog();
        for (OpLog log : logs) {
            for (Operation operation : Operation.values()) {
                int n = log.count(operation);
                for (int i = 0; i < n; i++) {
                    merged.record(operation, log.latencies.get(operation)[i]);
                }
            }
            merged.errors += log.errors;
            if (merged.firstError == null) {
                merged.firstError = log.firstError;
            }
        }
        return merged;
    }

    /** The given percentile (0.5 for the median) in milliseconds, nearest rank, or NaN without samples. */
    static double percentileMillis(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, rank)] / 1000.0;
    }
}
