package io.mallard.auth.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

import org.slf4j.LoggerFactory;
import org.springframework.boot.convert.DurationStyle;

import io.mallard.model.access.AccessGrant;
import io.mallard.model.user.User;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code access-token}: the operator's tool for tokens, after WildDuck's {@code bin/access-tokens}.
 * New tokens are printed once on stdout and never again; listings show their hashes.
 */
@Command(name = "access-token", mixinStandardHelpOptions = true,
        description = "Provision, list and revoke Mallard API access tokens.")
public final class AccessTokenCli {

    private final Map<String, String> env;

    @Spec
    private CommandSpec spec;

    /** @param env the {@code MALLARD_*} variables; tests pass their own stores' URIs here */
    AccessTokenCli(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        // No Spring here to configure logging: without this, Logback's default prints the drivers' DEBUG chatter.
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        System.exit(commandLine(System.getenv()).execute(args));
    }

    static CommandLine commandLine(Map<String, String> env) {
        CommandLine commandLine = new CommandLine(new AccessTokenCli(env));
        // "30d", "12h", "PT1H": Spring Boot's duration syntax, as in the services' configuration.
        commandLine.registerConverter(Duration.class, DurationStyle::detectAndParse);
        return commandLine;
    }

    @Command(name = "provision", description = "Issue a token for a user account or a named tool, in a role.")
    int provision(
            @Option(names = "--user", required = true, description = "username, user id, or a tool's name") String user,
            @Option(names = "--role", required = true, description = "a role from the roles file") String role,
            @Option(names = "--ttl", description = "hard lifetime, e.g. 30d (default: the maximum, 180d)") Duration ttl) {
        try (CliStores stores = new CliStores(env)) {
            if (!stores.roles.hasRole(role)) {
                spec.commandLine().getErr().println("Unknown role " + role + "; known: " + stores.roles.roles());
                return 2;
            }
            User account = stores.account(user);
            // A token for an account is listed under its username, even when --user gave the id.
            String token = account == null
                    ? stores.tokens.issue(null, user, role, "master", ttl).block().token()
                    : stores.tokens.issue(account.id(), account.username(), role, "master", ttl).block().token();
            spec.commandLine().getErr().println("Generated access token for " + user + "[" + role + "]"
                    + (account == null ? " (no user account of that name: a tool token)" : "") + ":");
            out().println(token);
            return 0;
        }
    }

    @Command(name = "list", description = "List live tokens: hash, user, role, scope, expiry.")
    int list(@Option(names = "--user", description = "only this user's (or tool's) tokens") String user) {
        try (CliStores stores = new CliStores(env)) {
            List<AccessGrant> grants = user == null
                    ? stores.tokens.listAll().collectList().block()
                    : stores.tokens.list(stores.accountId(user), user).collectList().block();
            for (AccessGrant grant : grants) {
                out().printf("%s\t%s\t%s\t%s\t%s%n", grant.hash(), grant.subject(), grant.role(), grant.scope(), grant.expires());
            }
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke one token (its value or, with --hash, its hash) or all of a user's.")
    int revoke(@Parameters(arity = "0..1", paramLabel = "TOKEN") String token,
            @Option(names = "--hash", description = "the token's hash, as list shows it") String hash,
            @Option(names = "--user", description = "revoke every token of this user or tool") String user) {
        if ((token == null ? 0 : 1) + (hash == null ? 0 : 1) + (user == null ? 0 : 1) != 1) {
            spec.commandLine().getErr().println("Give exactly one of TOKEN, --hash or --user");
            return 2;
        }
        try (CliStores stores = new CliStores(env)) {
            if (user != null) {
                long revoked = stores.tokens.revokeAll(stores.accountId(user), user).block();
                out().println("Revoked " + revoked + " token(s) of " + user + "; older ones are invalid as well");
                return 0;
            }
            boolean revoked = token != null ? stores.tokens.revoke(token).block() : stores.tokens.revokeHash(hash).block();
            out().println(revoked ? "Revoked" : "No such token");
            return revoked ? 0 : 1;
        }
    }

    @Command(name = "rotate-root", description = "Replace the stored root token; the old one stops working within 10 s.")
    int rotateRoot() {
        try (CliStores stores = new CliStores(env)) {
            if (stores.root.configured()) {
                spec.commandLine().getErr().println("MALLARD_ROOT_TOKEN is set: the root token is configuration, change it there");
                return 2;
            }
            spec.commandLine().getErr().println("New root access token:");
            out().println(stores.root.rotate().block());
            return 0;
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
