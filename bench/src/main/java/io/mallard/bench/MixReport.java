package io.mallard.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One Markdown table per concurrency: ops/s and p50 and p99 latency per operation and overall,
 * medians over the rounds, and each server's throughput against the last one (the reference).
 */
final class MixReport {

    private MixReport() {
    }

    static String table(int clients, int seconds, Map<String, List<PhaseResult>> byServer) {
        List<String> names = new ArrayList<>(byServer.keySet());
        String reference = names.get(names.size() - 1);
        StringBuilder out = new StringBuilder();
        int rounds = byServer.get(reference).size();
        out.append(String.format("%n%d client%s, median of %d rounds of %d s%n%n", clients, clients == 1 ? "" : "s",
                rounds, seconds));
        out.append("| operation |");
        names.forEach(name -> out.append(' ').append(name).append(" ops/s | ").append(name).append(" p50 ms | ")
                .append(name).append(" p99 ms |"));
        names.stream().filter(name -> !name.equals(reference))
                .forEach(name -> out.append(" ops/s ").append(name).append('/').append(reference).append(" |"));
        out.append("\n|---|");
        out.append("---|---|---|".repeat(names.size())).append("---|".repeat(names.size() - 1)).append('\n');
        List<Operation> rows = new ArrayList<>();
        rows.add(null);
        rows.addAll(Arrays.asList(Operation.values()));
        for (Operation operation : rows) {
            out.append("| ").append(operation == null ? "**all**" : operation.label).append(" |");
            for (String name : names) {
                out.append(String.format(" %.0f | %.1f | %.1f |",
                        median(byServer.get(name), r -> r.opsPerSecond(operation)),
                        median(byServer.get(name), r -> r.p50Millis(operation)),
                        median(byServer.get(name), r -> r.p99Millis(operation))));
            }
            double referenceRate = median(byServer.get(reference), r -> r.opsPerSecond(operation));
            for (String name : names) {
                if (!name.equals(reference)) {
                    out.append(String.format(" %.2f |",
                            median(byServer.get(name), r -> r.opsPerSecond(operation)) / referenceRate));
                }
            }
            out.append('\n');
        }
        out.append('\n');
        for (String name : names) {
            List<PhaseResult> results = byServer.get(name);
            out.append(String.format("%s: errors %d, client CPU %.0f%% of one core (median)%n", name,
                    results.stream().mapToLong(r -> r.log().errors()).sum(),
                    median(results, PhaseResult::clientCpuPercent)));
        }
        return out.toString();
    }

    static double median(List<PhaseResult> results, ToDoubleFunction<PhaseResult> metric) {
        double[] values = results.stream().mapToDouble(metric).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
