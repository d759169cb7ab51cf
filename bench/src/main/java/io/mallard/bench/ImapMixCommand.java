package io.mallard.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.sun.management.OperatingSystemMXBean;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The IMAP mix against several servers, side by side: for each concurrency, ROUNDS timed
 * phases per server, the servers taking turns (and turns about which goes first) so that both
 * see the same machine load; each client is a thread with its own user (bench1..benchN).
 */
@Command(name = "imap-mix", description = "IMAP login/select/fetch/store/search/append mix, servers side by side")
final class ImapMixCommand implements Callable<Integer> {

    @Option(names = "--clients", split = ",", defaultValue = "1,10,100", description = "concurrencies")
    List<Integer> concurrencies;

    @Option(names = "--seconds", defaultValue = "20", description = "length of each timed phase")
    int seconds;

    @Option(names = "--rounds", defaultValue = "3", description = "timed phases per server and concurrency")
    int rounds;

    @Option(names = "--warmup", defaultValue = "10", description = "seconds of untimed load per server first")
    int warmup;

    @Parameters(arity = "1..*", description = "name=host:port:password, the reference last")
    List<String> servers;

    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    @Override
    public Integer call() throws Exception {
        List<Target> targets = servers.stream().map(Target::parse).toList();
        int users = concurrencies.stream().mapToInt(Integer::intValue).max().orElse(1);
        for (Target target : targets) {
            prepare(target, users);
            PhaseResult warm = phase(target, Math.min(users, 10), warmup);
            System.out.printf("warm-up %s: %.0f ops/s%n", target.name(), warm.opsPerSecond(null));
        }
        StringBuilder tables = new StringBuilder();
        for (int clients : concurrencies) {
            Map<String, List<PhaseResult>> byServer = new LinkedHashMap<>();
            targets.forEach(target -> byServer.put(target.name(), new ArrayList<>()));
            for (int round = 0; round < rounds; round++) {
                for (int turn = 0; turn < targets.size(); turn++) {
                    Target target = targets.get((turn + round) % targets.size());
                    PhaseResult result = phase(target, clients, seconds);
                    byServer.get(target.name()).add(result);
                    System.out.printf("round %d %s %d clients: %.0f ops/s, p99 %.1f ms, errors %d%s, client CPU %.0f%%%n",
                            round + 1, target.name(), clients, result.opsPerSecond(null), result.p99Millis(null),
                            result.log().errors(), result.log().firstError() == null ? ""
                                    : " (first: " + result.log().firstError() + ")",
                            result.clientCpuPercent());
                }
            }
            String table = MixReport.table(clients, seconds, byServer);
            System.out.print(table);
            tables.append(table);
        }
        System.out.println("\n# summary" + tables);
        return 0;
    }

    /** Every user logs in once and gets the APPEND mailbox; a user that cannot log in stops the run. */
    private static void prepare(Target target, int users) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(users, 16));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                String user = Target.user(i);
                done.add(pool.submit(() -> {
                    try (ImapClient client = ImapClient.open(target.host(), target.port())) {
                        ImapReply login = client.command("LOGIN " + user + " \"" + target.password() + "\"");
                        if (!login.ok()) {
                            throw new IOException(target.name() + " " + user + ": " + login.tagged());
                        }
                        client.command("CREATE " + MixClient.APPEND_MAILBOX); // NO when it exists: fine
                        client.command("LOGOUT");
                    }
                    return null;
                }));
            }
            for (Future<?> each : done) {
                each.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private PhaseResult phase(Target target, int clients, int phaseSeconds) throws InterruptedException {
        long started = System.nanoTime();
        long cpuStarted = os.getProcessCpuTime();
        long deadline = started + phaseSeconds * 1_000_000_000L;
        List<MixClient> mix = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            MixClient client = new MixClient(target, i, deadline);
            mix.add(client);
            Thread thread = new Thread(client, "mix-" + target.name() + "-" + i);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double cpu = (os.getProcessCpuTime() - cpuStarted) / 1e9;
        return new PhaseResult(OpLog.merge(mix.stream().map(MixClient::log).toList()), phaseSeconds, cpu);
    }
}
