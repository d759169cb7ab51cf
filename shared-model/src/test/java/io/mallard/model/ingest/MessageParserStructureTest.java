package io.mallard.model.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.mallard.model.ingest.imap.ImapValueWriter;

/**
 * ENVELOPE and BODYSTRUCTURE against hand-written RFC 3501 §7.4.2 strings. Each was compared
 * with Dovecot 2.3.19's answer for the same message; they agree except where noted: the size
 * and lines of message/rfc822 parts (08, 29: Dovecot counts the line break before the next
 * delimiter into the part, 425/22 and 46/1; RFC 2046 §5.1.1 gives it to the delimiter, 423/21
 * and 44/0, as Dovecot itself does for every other part), and a multipart with no delimiter (11: Dovecot shows an empty part,
 * Mallard keeps the body readable as that part).
 */
class MessageParserStructureTest {

    private static final String ALICE = "((\"Alice Example\" NIL \"alice\" \"example.com\"))";
    private static final String BOB = "((\"Bob\" NIL \"bob\" \"example.org\"))";

    static Stream<Arguments> envelopes() {
        return Stream.of(
                Arguments.of("01-simple-7bit", "(\"Mon, 23 Nov 2026 10:00:00 +0000\" \"Hello\" " + ALICE + " " + ALICE
                        + " " + ALICE + " " + BOB + " NIL NIL NIL \"<simple@example.com>\")"),
                Arguments.of("17-encoded-words", "(\"Tue, 24 Nov 2026 12:34:56 +0200\""
                        + " \"=?UTF-8?Q?caf=C3=A9?= and =?UTF-8?B?w7xiZXI=?=\""
                        + " ((\"=?UTF-8?B?SsO8cmdlbg==?=\" NIL \"juergen\" \"example.de\"))"
                        + " ((\"=?UTF-8?B?SsO8cmdlbg==?=\" NIL \"juergen\" \"example.de\"))"
                        + " ((\"=?UTF-8?B?SsO8cmdlbg==?=\" NIL \"juergen\" \"example.de\"))"
                        + " ((\"=?ISO-8859-1?Q?Ren=E9?=\" NIL \"rene\" \"example.fr\")(NIL NIL \"plain\" \"example.com\"))"
                        + " ((NIL NIL \"Team\" NIL)(NIL NIL \"a\" \"example.com\")(\"B, with comma\" NIL \"b\" \"example.com\")"
                        + "(NIL NIL NIL NIL))"
                        + " NIL NIL \"<ew@example.de>\")"),
                Arguments.of("32-groups-and-empty", "(NIL \"\\\"quoted\\\" \\\\ back\\\\slash\""
                        + " ((NIL NIL \"alice\" \"example.com\")) ((\"Secretary\" NIL \"sec\" \"example.com\"))"
                        + " ((NIL NIL \"alice\" \"example.com\"))"
                        + " ((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) NIL"
                        + " ((\"Hidden\" NIL \"hidden\" \"example.com\")) \"<parent@example.com>\" NIL)"));
    }

    @ParameterizedTest
    @MethodSource("envelopes")
    void envelope(String name, String expected) {
        ParsedMessage message = new MessageParser().parse(Corpus.load(name));
        assertThat(ImapValueWriter.writeEnvelope(message.envelope())).isEqualTo(expected);
    }

    static Stream<Arguments> bodyStructures() {
        String plain = "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" ";
        return Stream.of(
                Arguments.of("01-simple-7bit", plain + "38 2 NIL NIL NIL NIL)"),
                Arguments.of("05-mixed-attachment", "(" + plain + "13 0 NIL NIL NIL NIL)"
                        + "(\"application\" \"octet-stream\" (\"name\" \"data.bin\") NIL NIL \"base64\" 14014 NIL"
                        + " (\"attachment\" (\"filename\" \"data.bin\")) NIL NIL)"
                        + " \"mixed\" (\"boundary\" \"XYZ\") NIL NIL NIL)"),
                Arguments.of("06-alternative", "((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 13 0 NIL NIL NIL NIL)"
                        + "(\"text\" \"html\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 111 0 NIL NIL NIL NIL)"
                        + " \"alternative\" (\"boundary\" \"alt1\") NIL NIL NIL)"),
                Arguments.of("08-rfc822-two-deep", "(" + plain + "11 0 NIL NIL NIL NIL)"
                        + "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 423"
                        + " (NIL \"middle\" ((\"Eve\" NIL \"eve\" \"example.net\")) ((\"Eve\" NIL \"eve\" \"example.net\"))"
                        + " ((\"Eve\" NIL \"eve\" \"example.net\")) ((\"Frank\" NIL \"frank\" \"example.net\")) NIL NIL NIL NIL)"
                        + " ((" + plain.substring(1) + "11 0 NIL NIL NIL NIL)"
                        + "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 184"
                        + " (\"Sun, 22 Nov 2026 08:00:00 +0100\" \"innermost\" ((\"Carol\" NIL \"carol\" \"example.net\"))"
                        + " ((\"Carol\" NIL \"carol\" \"example.net\")) ((\"Carol\" NIL \"carol\" \"example.net\"))"
                        + " ((\"Dave\" NIL \"dave\" \"example.net\")) NIL NIL NIL \"<inner2@example.net>\")"
                        + " " + plain + "27 1 NIL NIL NIL NIL) 7 NIL NIL NIL NIL)"
                        + " \"mixed\" (\"boundary\" \"mid\") NIL NIL NIL) 21 NIL (\"attachment\" NIL) NIL NIL)"
                        + " \"mixed\" (\"boundary\" \"top\") NIL NIL NIL)"),
                Arguments.of("25-disposition-language", "((\"text\" \"plain\" (\"charset\" \"us-ascii\" \"format\" \"flowed\")"
                        + " \"<part1@example.com>\" \"The text\" \"7bit\" 14 0 \"Q2hlY2sgSW50ZWdyaXR5IQ==\""
                        + " (\"inline\" (\"filename\" \"text.txt\")) (\"en\" \"de\") \"http://example.com/text.txt\")"
                        + " \"mixed\" (\"boundary\" \"ext\") NIL (\"en\") NIL)"),
                Arguments.of("28-encoded-filename", "((\"image\" \"jpeg\" (\"name\" \"=?UTF-8?B?w6l0w6kuanBn?=\") NIL NIL"
                        + " \"base64\" 142 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"e\") NIL NIL NIL)"),
                Arguments.of("29-base64-rfc822", "((\"message\" \"rfc822\" NIL NIL NIL \"base64\" 44"
                        + " (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) " + plain + "0 0 NIL NIL NIL NIL) 0 NIL NIL NIL NIL)"
                        + " \"mixed\" (\"boundary\" \"m\") NIL NIL NIL)"),
                Arguments.of("18-bare-lf", "(" + plain + "17 1 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"lf\") NIL NIL NIL)"),
                Arguments.of("22-headers-only", plain + "0 0 NIL NIL NIL NIL)"),
                Arguments.of("11-no-boundary-found", "(" + plain + "33 1 NIL NIL NIL NIL)"
                        + " \"mixed\" (\"boundary\" \"nothere\") NIL NIL NIL)"),
                Arguments.of("30-boundary-prefix", "((" + plain + "9 0 NIL NIL NIL NIL)"
                        + "(\"text\" \"html\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 16 0 NIL NIL NIL NIL)"
                        + " \"alternative\" (\"boundary\" \"abc\") NIL NIL NIL)" + plain + "9 0 NIL NIL NIL NIL)"
                        + " \"mixed\" (\"boundary\" \"ab\") NIL NIL NIL)"));
    }

    @ParameterizedTest
    @MethodSource("bodyStructures")
    void bodyStructure(String name, String expected) {
        ParsedMessage message = new MessageParser().parse(Corpus.load(name));
        assertThat(ImapValueWriter.writeBodyStructure(message.bodyStructure())).isEqualTo(expected);
    }
}
