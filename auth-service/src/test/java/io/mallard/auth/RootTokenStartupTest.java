package io.mallard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Without MALLARD_ROOT_TOKEN: generated on first start, printed once, kept across restarts. */
@ExtendWith(OutputCaptureExtension.class)
class RootTokenStartupTest {

    private static final Pattern PRINTED = Pattern.compile("X-Access-Token: ([0-9a-f]{40})");

    @Test
    void generatedOnceAndSurvivesRestart(@TempDir Path dir, CapturedOutput output) {
        String token;
        try (AuthServer server = new AuthServer(dir, "mallard.root.token=")) {
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> PRINTED.matcher(output.getAll()).find());
            Matcher printed = PRINTED.matcher(output.getAll());
            assertThat(printed.find()).isTrue();
            token = printed.group(1);
            server.describe(token).expectStatus().isOk().expectBody().jsonPath("$.role").isEqualTo("root");
        }
        int printedBefore = output.getAll().length();
        try (AuthServer restarted = new AuthServer(dir, "mallard.root.token=")) {
            restarted.describe(token).expectStatus().isOk();
            restarted.describe(AuthServer.ROOT_TOKEN).expectStatus().isUnauthorized();
        }
        assertThat(PRINTED.matcher(output.getAll().substring(printedBefore)).find()).as("printed again").isFalse();
    }
}
