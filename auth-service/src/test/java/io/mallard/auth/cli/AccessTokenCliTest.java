package io.mallard.auth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.auth.AuthServer;
import io.mallard.model.access.RootToken;
import io.mallard.model.access.TokenHash;
import io.mallard.model.store.MongoStore;
import io.mallard.model.user.User;
import picocli.CommandLine;

/** The CLI against the stores of a running auth-service, as an operator would use it; tokens checked over HTTP. */
class AccessTokenCliTest {

    @TempDir
    static Path dir;

    static AuthServer server;
    static User ivan;

    @BeforeAll
    static void start() {
        server = new AuthServer(dir);
        ivan = server.user("ivan", "ivan-password");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void provisionedTokenWorksOverHttpUntilRevoked() {
        Run provisioned = cli(server.env(), "provision", "--user", "ops-dashboard", "--role", "manager");
        assertThat(provisioned.exit).isZero();
        String token = provisioned.out.strip();
        assertThat(token).matches("[0-9a-f]{40}");
        assertThat(provisioned.err).contains("ops-dashboard[manager]");

        server.describe(token).expectStatus().isOk().expectBody()
                .jsonPath("$.username").isEqualTo("ops-dashboard")
                .jsonPath("$.role").isEqualTo("manager")
                .jsonPath("$.id").doesNotExist();

        Run listed = cli(server.env(), "list", "--user", "ops-dashboard");
        assertThat(listed.out).contains(TokenHash.of(token)).contains("manager").doesNotContain(token);

        assertThat(cli(server.env(), "revoke", token).exit).isZero();
        server.describe(token).expectStatus().isUnauthorized();
        assertThat(cli(server.env(), "revoke", token).exit).isEqualTo(1);
    }

    @Test
    void tokenForAUsernameActsForThatAccount() {
        String token = cli(server.env(), "provision", "--user", "ivan", "--role", "user", "--ttl", "1h").out.strip();
        server.describe(token).expectStatus().isOk().expectBody()
                .jsonPath("$.id").isEqualTo(ivan.id().toHexString())
                .jsonPath("$.expires").value(expires -> assertThat(Instant.parse((String) expires))
                        .isBefore(server.clock.instant().plus(Duration.ofHours(1)).plusSeconds(60)));
    }

    @Test
    void revokeUserEndsCliAndLoginTokensAlike() {
        String fromCli = cli(server.env(), "provision", "--user", ivan.id().toHexString(), "--role", "user").out.strip();
        server.describe(fromCli).expectStatus().isOk().expectBody().jsonPath("$.username").isEqualTo("ivan");
        String fromLogin = server.token("ivan", "ivan-password");
        Run revoked = cli(server.env(), "revoke", "--user", "ivan");
        assertThat(revoked.exit).isZero();
        server.describe(fromCli).expectStatus().isUnauthorized();
        server.describe(fromLogin).expectStatus().isUnauthorized();
    }

    @Test
    void revokeByHashAsListShowsIt() {
        String token = cli(server.env(), "provision", "--user", "backup-tool", "--role", "export").out.strip();
        assertThat(cli(server.env(), "list").out).contains(TokenHash.of(token));
        assertThat(cli(server.env(), "revoke", "--hash", TokenHash.of(token)).exit).isZero();
        server.describe(token).expectStatus().isUnauthorized();
    }

    @Test
    void unknownRoleAndAmbiguousRevokeAreRefused() {
        Run unknown = cli(server.env(), "provision", "--user", "x", "--role", "superuser");
        assertThat(unknown.exit).isEqualTo(2);
        assertThat(unknown.err).contains("Unknown role superuser");
        assertThat(unknown.out).isEmpty();
        assertThat(cli(server.env(), "revoke", "--user", "x", "--hash", "ab").exit).isEqualTo(2);
    }

    @Test
    void rotateRootReplacesTheStoredRootToken() {
        assertThat(cli(server.env(), "rotate-root").exit).as("refused while MALLARD_ROOT_TOKEN is set").isEqualTo(2);

        Map<String, String> env = new HashMap<>(server.env());
        env.remove("MALLARD_ROOT_TOKEN");
        String first = cli(env, "rotate-root").out.strip();
        String second = cli(env, "rotate-root").out.strip();
        assertThat(first).matches("[0-9a-f]{40}").isNotEqualTo(second);

        RootToken stored = new RootToken(server.bean(MongoStore.class).database(), null, Clock.systemUTC());
        assertThat(stored.matches(second).block()).isTrue();
        assertThat(stored.matches(first).block()).isFalse();
    }

    private static Run cli(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = AccessTokenCli.commandLine(env);
        commandLine.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int exit = commandLine.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private record Run(int exit, String out, String err) {
    }
}
