package io.mallard.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The extension syntax (LIST-EXTENDED, LIST-STATUS, ...) through the real frame decoder and
 * assembler, fed whole, in odd pieces and byte by byte, as {@link CommandParserTest} does for the core.
 */
class ExtensionParserTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                row("l1 LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (INBOX \"Sent*\" {3}\r\n%/%) RETURN (CHILDREN)\r\n",
                        new ImapRequest.ListMailboxes("l1", "LIST", true, Set.of("SUBSCRIBED", "RECURSIVEMATCH"), "",
                                List.of("INBOX", "Sent*", "%/%"), Set.of("CHILDREN", "SUBSCRIBED"), List.of())),
                row("l2 list () \"\" Entw&APw-rfe\r\n", new ImapRequest.ListMailboxes("l2", "LIST", true, Set.of(), "",
                        List.of("Entwürfe"), Set.of(), List.of())),
                row("l3 LIST \"\" * RETURN (status (messages UIDNEXT) special-use)\r\n",
                        new ImapRequest.ListMailboxes("l3", "LIST", true, Set.of(), "", List.of("*"),
                                Set.of("STATUS", "SPECIAL-USE"), List.of("MESSAGES", "UIDNEXT"))),
                row("l4 LIST (REMOTE SPECIAL-USE) Work/ %\r\n", new ImapRequest.ListMailboxes("l4", "LIST", true,
                        Set.of("REMOTE", "SPECIAL-USE"), "Work/", List.of("%"), Set.of(), List.of())),
                row("l5 LSUB \"\" *\r\n", new ImapRequest.ListMailboxes("l5", "LSUB", false, Set.of(), "",
                        List.of("*"), Set.of(), List.of())),
                row("q1 GETQUOTA \"\"\r\n", new ImapRequest.Quota("q1", "GETQUOTA", "")),
                row("q2 getquotaroot {9}\r\nSent Mail\r\n", new ImapRequest.OnMailbox("q2", "GETQUOTAROOT", "Sent Mail")),
                row("q3 SETQUOTA \"\" (storage 512 MESSAGE 10)\r\n", new ImapRequest.SetQuota("q3", "SETQUOTA", "",
                        Map.of("STORAGE", 512L, "MESSAGE", 10L))),
                row("f1 UID FETCH 1 (BINARY.PEEK[1.2]<0.10> binary.size[] BINARY[])\r\n", new ImapRequest.Fetch("f1",
                        "UID FETCH", true, SequenceSet.parse("1"), List.of(
                                new FetchAttribute.Binary("1.2", true, false, 0, 10),
                                new FetchAttribute.Binary("", false, true, -1, -1),
                                new FetchAttribute.Binary("", false, false, -1, -1)))),
                row("z1 COMPRESS deflate\r\n", new ImapRequest.Compress("z1", "COMPRESS", "DEFLATE")),
                row("m1 APPEND Drafts (\\Seen) {2+}\r\nhi \"05-Jan-2025 10:00:00 +0100\" {3}\r\nyo! ~{1}\r\n\0\r\n",
                        new ImapRequest.Append("m1", "APPEND", "Drafts", List.of(
                                new ImapRequest.AppendMessage(List.of("\\Seen"), null, bytes("hi")),
                                new ImapRequest.AppendMessage(List.of(), ZonedDateTime.parse("2025-01-05T10:00+01:00"),
                                        bytes("yo!")),
                                new ImapRequest.AppendMessage(List.of(), null, new byte[] {0})))));
    }

    /** After ENABLE UTF8=ACCEPT (RFC 6855): names are UTF-8 as sent, and APPEND takes UTF8 (literal8). */
    static Stream<Arguments> validWithUtf8() {
        return Stream.of(
                row("u1 SELECT \"Café/R&D\"\r\n", new ImapRequest.OnMailbox("u1", "SELECT", "Café/R&D")),
                row("u2 LIST \"\" (\"Entw&APw-rfe\" Menü*)\r\n", new ImapRequest.ListMailboxes("u2", "LIST", true,
                        Set.of(), "", List.of("Entw&APw-rfe", "Menü*"), Set.of(), List.of())),
                row("u3 APPEND Menü UTF8 (~{6+}\r\nGrüß)\r\n", new ImapRequest.Append("u3", "APPEND", "Menü",
                        List.of(new ImapRequest.AppendMessage(List.of(), null, bytes("Grüß"))))));
    }

    static Stream<String> invalid() {
        return Stream.of("l1 LIST (RECURSIVEMATCH) \"\" *\r\n", "l1 LIST (FROB) \"\" *\r\n",
                "l1 LIST \"\" * RETURN (FROB)\r\n", "l1 LIST \"\" * RETURN (STATUS)\r\n",
                "l1 LIST \"\" * RETURN (STATUS ())\r\n", "l1 LIST \"\" * RETURNS (CHILDREN)\r\n",
                "l1 LIST \"\" ()\r\n", "l1 LSUB (SUBSCRIBED) \"\" *\r\n", "l1 LIST \"\" * RETURN\r\n",
                "q1 GETQUOTA\r\n", "q1 SETQUOTA \"\" (STORAGE)\r\n", "q1 SETQUOTA \"\" (STORAGE x)\r\n",
                "q1 SETQUOTA \"\" STORAGE 1\r\n", "q1 GETQUOTAROOT\r\n", "z1 COMPRESS\r\n",
                "u1 APPEND INBOX UTF8 (~{2}\r\nhi)\r\n", "m1 APPEND INBOX {1}\r\na (\\Seen)\r\n",
                "m1 APPEND INBOX {1}\r\na \"x\"\r\n", "f1 FETCH 1 BINARY[HEADER]\r\n",
                "f1 FETCH 1 BINARY.SIZE[1]<0.5>\r\n", "f1 FETCH 1 BINARY[0]\r\n", "f1 FETCH 1 BINARY.PEEK[1.TEXT]\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parsesWhateverTheChunking(String wire, ImapRequest expected) {
        assertParses(wire, expected, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validWithUtf8")
    void parsesUtf8ModeWhateverTheChunking(String wire, ImapRequest expected) {
        assertParses(wire, expected, true);
    }

    private static void assertParses(String wire, ImapRequest expected, boolean utf8) {
        for (int size : CommandParserTest.CHUNK_SIZES) {
            List<byte[]> commands = CommandParserTest.assemble(wire, size);
            assertThat(commands).as("chunk size %d", size).hasSize(1);
            assertThat(CommandParser.parse(commands.get(0), utf8)).usingRecursiveComparison().isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refusesInvalidSyntax(String wire) {
        byte[] command = CommandParserTest.assemble(wire, Integer.MAX_VALUE).get(0);
        assertThatThrownBy(() -> CommandParser.parse(command)).isInstanceOf(ImapSyntaxException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Arguments row(String wire, ImapRequest expected) {
        return Arguments.of(wire, expected);
    }
}
