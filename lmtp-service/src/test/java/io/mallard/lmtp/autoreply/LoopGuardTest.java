package io.mallard.lmtp.autoreply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mallard.model.ingest.MessageParser;

/** RFC 3834 §2 and §5: which messages may get an automatic reply. */
class LoopGuardTest {

    private static final Set<String> USER = Set.of("jane@example.com", "jd@example.org");

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "friend@x.example|To: jane@example.com|true",
            "friend@x.example|To: Jane <J.ane+news@Example.com>|true",
            "friend@x.example|Cc: jd@example.org|true",
            "friend@x.example|To: other@example.com|false",
            "''|To: jane@example.com|false",
            "MAILER-DAEMON@x.example|To: jane@example.com|false",
            "owner-list@x.example|To: jane@example.com|false",
            "list-request@x.example|To: jane@example.com|false",
            "no-reply@x.example|To: jane@example.com|false",
            "friend@x.example|To: jane@example.com\\r\\nAuto-Submitted: auto-replied|false",
            "friend@x.example|To: jane@example.com\\r\\nAuto-Submitted: no|true",
            "friend@x.example|To: jane@example.com\\r\\nPrecedence: list|false",
            "friend@x.example|To: jane@example.com\\r\\nPrecedence: junk|false",
            "friend@x.example|To: jane@example.com\\r\\nPrecedence: first-class|true",
            "friend@x.example|To: jane@example.com\\r\\nList-Id: <l.example>|false",
            "friend@x.example|To: jane@example.com\\r\\nList-Unsubscribe: <https://x/u>|false"})
    void decides(String sender, String headers, boolean reply) {
        byte[] raw = (headers.replace("\\r\\n", "\r\n") + "\r\nSubject: hi\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(LoopGuard.mayReply(sender, new MessageParser().parse(raw), USER)).isEqualTo(reply);
    }
}
