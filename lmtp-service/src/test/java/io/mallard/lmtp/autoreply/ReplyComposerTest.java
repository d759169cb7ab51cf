package io.mallard.lmtp.autoreply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.mallard.model.autoreply.Autoreply;
import io.mallard.model.ingest.MessageParser;
import io.mallard.model.ingest.MimePart;
import io.mallard.model.ingest.ParsedMessage;

/** The reply's From name and its HTML alternative, read back through the MIME parser. */
class ReplyComposerTest {

    static final ParsedMessage ORIGINAL = new MessageParser().parse(
            "From: friend@x.example\r\nSubject: plans\r\nMessage-ID: <m1@x.example>\r\n\r\nhi\r\n"
                    .getBytes(StandardCharsets.UTF_8));

    @Test
    void displayNameIsEncodedAndHtmlBecomesAnAlternative() {
        Autoreply autoreply = new Autoreply(true, "Zoë Away", "Out of office", "Back on Monday.",
                "<p>Back on <b>Monday</b>.</p>", null, null, null);
        byte[] reply = new ReplyComposer("mx.test").compose(autoreply, "zoe@example.com", "friend@x.example", ORIGINAL,
                Instant.parse("2026-01-05T10:00:00Z"));

        String text = new String(reply, StandardCharsets.UTF_8);
        assertThat(text).contains("From: =?UTF-8?Q?Zo=C3=AB_Away?= <zoe@example.com>\r\n",
                "Content-Type: multipart/alternative; boundary=");
        ParsedMessage parsed = new MessageParser().parse(reply);
        assertThat(parsed.subject()).isEqualTo("Out of office");
        assertThat(parsed.mimeTree().parts()).extracting(MimePart::contentType).containsExactly("text/plain", "text/html");
        MimePart html = parsed.mimeTree().parts().get(1);
        assertThat(new String(reply, (int) html.bodyStart(), (int) (html.end() - html.bodyStart()), StandardCharsets.UTF_8))
                .isEqualTo("<p>Back on <b>Monday</b>.</p>");
    }

    @Test
    void withoutNameOrHtmlTheReplyIsPlainText() {
        Autoreply autoreply = new Autoreply(true, null, "", "Away.", null, null, null, null);
        String text = new String(new ReplyComposer("mx.test").compose(autoreply, "zoe@example.com", "friend@x.example",
                ORIGINAL, Instant.now()), StandardCharsets.UTF_8);
        assertThat(text).contains("From: <zoe@example.com>\r\n", "Subject: Auto: plans\r\n",
                "Content-Type: text/plain; charset=utf-8\r\n").doesNotContain("multipart");
    }
}
