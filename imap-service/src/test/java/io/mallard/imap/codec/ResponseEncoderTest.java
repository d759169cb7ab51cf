package io.mallard.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Responses are values; quoting and literals happen only here, so content cannot forge a line. */
class ResponseEncoderTest {

    @Test
    void tagged() {
        assertThat(encode(new Response.Tagged("a1", Response.Status.NO, "TOOBIG", "Message too big")))
                .isEqualTo("a1 NO [TOOBIG] Message too big\r\n");
    }

    @Test
    void textWithLineBreaksCannotEndTheLine() {
        assertThat(encode(new Response.Tagged("a1", Response.Status.BAD, null, "bad\r\na2 OK forged")))
                .isEqualTo("a1 BAD bad  a2 OK forged\r\n");
    }

    @Test
    void stringsAreQuotedOrLiteral() {
        Response list = Response.Data.of(Value.atom("LIST"), Value.atoms(List.of("\\HasNoChildren")), Value.string("/"),
                Value.string("a \"b\" \\c"));
        assertThat(encode(list)).isEqualTo("* LIST (\\HasNoChildren) \"/\" \"a \\\"b\\\" \\\\c\"\r\n");
        assertThat(encode(Response.Data.of(Value.string("x\r\n* 1 EXISTS"))))
                .isEqualTo("* {13}\r\nx\r\n* 1 EXISTS\r\n");
        assertThat(encode(Response.Data.of(Value.string(null)))).isEqualTo("* NIL\r\n");
    }

    @Test
    void fetchWithLiteralBody() {
        Response fetch = Response.Data.of(Value.atom(1), Value.atom("FETCH"), Value.list(List.of(Value.atom("UID"),
                Value.atom(7), Value.atom("BODY[]"), new Value.Literal("ab\r\n".getBytes(StandardCharsets.US_ASCII)))));
        assertThat(encode(fetch)).isEqualTo("* 1 FETCH (UID 7 BODY[] {4}\r\nab\r\n)\r\n");
    }

    @Test
    void decodedContentIsALiteral8OnlyWhenItHoldsANul() {
        assertThat(encode(Response.Data.of(Value.atom("BINARY[1]"), new Value.Literal(new byte[] {'a', 0}, true))))
                .isEqualTo("* BINARY[1] ~{2}\r\na\0\r\n");
        assertThat(encode(Response.Data.of(Value.atom("BINARY[1]"), new Value.Literal(new byte[] {'a', 'b'}, true))))
                .isEqualTo("* BINARY[1] {2}\r\nab\r\n");
    }

    @Test
    void utf8ModeSendsMailboxNamesAsUtf8QuotedStrings() {
        Response status = Response.Data.of(Value.atom("STATUS"), Value.mailbox("Café & Co"), Value.list(List.of()));
        assertThat(encode(status)).isEqualTo("* STATUS \"Caf&AOk- &- Co\" ()\r\n");
        assertThat(new String(ResponseEncoder.encode(status, true), StandardCharsets.UTF_8))
                .isEqualTo("* STATUS \"Café & Co\" ()\r\n");
    }

    private static String encode(Response response) {
        return new String(ResponseEncoder.encode(response), StandardCharsets.UTF_8);
    }
}
