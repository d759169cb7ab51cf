package io.mallard.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The load clients behind the scripts in {@code bench/}: Java where a client in Python would
 * cost more CPU than the server it measures (two cores are shared by client and servers).
 */
@Command(name = "mallard-bench", mixinStandardHelpOptions = true,
        subcommands = {ImapMixCommand.class, HttpLoadCommand.class})
public final class BenchCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCli()).execute(args));
    }
}
