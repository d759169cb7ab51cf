package io.mallard.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.mallard.imap.codec.FetchAttribute.Part;
import io.mallard.imap.codec.FetchAttribute.Section;
import io.mallard.imap.codec.FetchAttribute.Simple;
import io.mallard.imap.codec.ImapRequest.StoreMode;
import io.mallard.imap.codec.SequenceSet.Range;
import io.mallard.protocol.codec.FrameDecoder;
import io.mallard.protocol.codec.FrameLimits;
import io.mallard.protocol.codec.ImapLiteralDetector;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * Wire → request records through the real frame decoder and the assembler, each case fed whole,
 * in odd pieces and byte by byte; invalid commands → {@link ImapSyntaxException} (BAD).
 */
class CommandParserTest {

    static final int[] CHUNK_SIZES = {Integer.MAX_VALUE, 5, 2, 1};

    static Stream<Arguments> valid() {
        return Stream.of(
                row("a1 NOOP\r\n", new ImapRequest.Bare("a1", "NOOP")),
                row("a1 capability\r\n", new ImapRequest.Bare("a1", "CAPABILITY")),
                row("a2 LOGIN alice \"pa ss\\\"w\"\r\n", new ImapRequest.Login("a2", "LOGIN", "alice", "pa ss\"w")),
                row("a2 LOGIN al]ce p%*\r\n", new ImapRequest.Login("a2", "LOGIN", "al]ce", "p%*")),
                row("a3 LOGIN {5}\r\nalice {4+}\r\np\r\nw\r\n", new ImapRequest.Login("a3", "LOGIN", "alice", "p\r\nw")),
                row("a4 AUTHENTICATE PLAIN AGEAYg==\r\n",
                        new ImapRequest.Authenticate("a4", "AUTHENTICATE", "PLAIN", "AGEAYg==")),
                row("a5 SELECT \"Sent Mail\"\r\n", new ImapRequest.OnMailbox("a5", "SELECT", "Sent Mail")),
                row("a6 LIST \"\" *\r\n", new ImapRequest.ListMailboxes("a6", "LIST", false, Set.of(), "", List.of("*"),
                        Set.of(), List.of())),
                row("a7 STATUS INBOX (MESSAGES UIDNEXT)\r\n",
                        new ImapRequest.Status("a7", "STATUS", "INBOX", List.of("MESSAGES", "UIDNEXT"))),
                row("a8 FETCH 1:*,4:2 (FLAGS BODY.PEEK[HEADER.FIELDS (From Subject)]<0.100>)\r\n",
                        new ImapRequest.Fetch("a8", "FETCH", false,
                                new SequenceSet(List.of(new Range(1, SequenceSet.STAR), new Range(4, 2))),
                                List.of(Simple.FLAGS, new Section("BODY[HEADER.FIELDS (FROM SUBJECT)]", true, "",
                                        Part.HEADER_FIELDS, List.of("FROM", "SUBJECT"), 0, 100)))),
                row("a9 UID FETCH 7 (UID BODY[1.2.TEXT] RFC822.SIZE)\r\n",
                        new ImapRequest.Fetch("a9", "UID FETCH", true, SequenceSet.parse("7"),
                                List.of(Simple.UID, new Section("BODY[1.2.TEXT]", false, "1.2", Part.TEXT, List.of(),
                                        -1, -1), Simple.RFC822_SIZE))),
                row("b1 FETCH 2 FAST\r\n", new ImapRequest.Fetch("b1", "FETCH", false, SequenceSet.parse("2"),
                        List.of(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE))),
                row("b0 UID STORE 4 FLAGS \\SEEN \\flagged \\Seen\r\n", new ImapRequest.Store("b0", "UID STORE", true,
                        SequenceSet.parse("4"), StoreMode.SET, false, List.of("\\Seen", "\\Flagged"))),
                row("b2 STORE 1:3 +FLAGS.SILENT (\\Seen $Work)\r\n", new ImapRequest.Store("b2", "STORE", false,
                        SequenceSet.parse("1:3"), StoreMode.ADD, true, List.of("\\Seen", "$Work"))),
                row("b3 UID MOVE 5:* Archive\r\n",
                        new ImapRequest.Transfer("b3", "UID MOVE", true, SequenceSet.parse("5:*"), "Archive")),
                row("b4 UID EXPUNGE 3,5\r\n", new ImapRequest.UidExpunge("b4", "UID EXPUNGE", SequenceSet.parse("3,5"))),
                row("b5 SEARCH UNSEEN OR FROM bob SINCE 1-Feb-2024 NOT LARGER 100\r\n",
                        new ImapRequest.Search("b5", "SEARCH", false, new SearchKey.And(List.of(
                                new SearchKey.Flag("\\Seen", false),
                                new SearchKey.Or(new SearchKey.Header("FROM", "bob"),
                                        new SearchKey.Date(SearchKey.DateRelation.SINCE, LocalDate.of(2024, 2, 1), false)),
                                new SearchKey.Not(new SearchKey.Size(100, true)))))),
                row("b6 ENABLE CONDSTORE\r\n", new ImapRequest.Enable("b6", "ENABLE", List.of("CONDSTORE"))),
                row("b7 RENAME a b\r\n", new ImapRequest.Rename("b7", "RENAME", "a", "b")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parsesEachCommandWhateverTheChunking(String wire, ImapRequest expected) {
        for (int size : CHUNK_SIZES) {
            List<byte[]> commands = assemble(wire, size);
            assertThat(commands).as("chunk size %d", size).hasSize(1);
            assertThat(CommandParser.parse(commands.get(0))).usingRecursiveComparison().isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refusesInvalidCommands(String wire) {
        byte[] command = assemble(wire, Integer.MAX_VALUE).get(0);
        assertThatThrownBy(() -> CommandParser.parse(command)).isInstanceOf(ImapSyntaxException.class);
    }

    static Stream<String> invalid() {
        return Stream.of("a1\r\n", "* NOOP\r\n", "a1 FROB\r\n", "a1 LOGIN onlyuser\r\n", "a1 NOOP extra\r\n",
                "a1 LOGIN \"unterminated\r\n", "a1 FETCH 0 FLAGS\r\n", "a1 FETCH 1:x FLAGS\r\n",
                "a1 FETCH 1 BODY[HEADER.FIELDS]\r\n", "a1 FETCH 1 (FLAGS\r\n", "a1 STORE 1 FLAGZ (\\Seen)\r\n",
                "a1 SEARCH FROB\r\n", "a1 SELECT\r\n", "a1 FETCH 99999999999 FLAGS\r\n", "a1 APPEND INBOX \"x\"\r\n",
                "a1 STORE 1 +FLAGS (\\Recent)\r\n");
    }

    @org.junit.jupiter.api.Test
    void appendCarriesTheLiteralOctetsAndAsksForContinuation() {
        byte[] message = "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        String wire = "c1 APPEND INBOX (\\Seen) \"05-Jan-2025 10:00:00 +0100\" {" + message.length + "}\r\n"
                + new String(message, StandardCharsets.US_ASCII) + "\r\n";
        EmbeddedChannel channel = decoder();
        channel.writeInbound(Unpooled.wrappedBuffer(wire.getBytes(StandardCharsets.US_ASCII)));
        CommandAssembler assembler = new CommandAssembler(1 << 20);
        List<CommandAssembler.Step> steps = new ArrayList<>();
        for (Object frame; (frame = channel.readInbound()) != null;) {
            steps.add(assembler.accept((io.mallard.protocol.codec.Frame) frame));
        }
        assertThat(steps).filteredOn(CommandAssembler.Continue.class::isInstance).hasSize(1);
        ImapRequest.Append append = (ImapRequest.Append) CommandParser
                .parse(((CommandAssembler.Complete) steps.get(steps.size() - 1)).command());
        assertThat(append.messages()).hasSize(1);
        assertThat(append.messages().get(0).message()).isEqualTo(message);
        assertThat(append.messages().get(0).flags()).containsExactly("\\Seen");
        assertThat(append.messages().get(0).internalDate().toInstant()).hasToString("2025-01-05T09:00:00Z");
    }

    @org.junit.jupiter.api.Test
    void commandOverTheBoundIsRefusedWithItsTagAndTheNextCommandStillParses() {
        EmbeddedChannel channel = decoder();
        channel.writeInbound(Unpooled.wrappedBuffer(("t1 APPEND INBOX {40+}\r\n" + "x".repeat(40)
                + "\r\nt2 NOOP\r\n").getBytes(StandardCharsets.US_ASCII)));
        CommandAssembler assembler = new CommandAssembler(32);
        List<CommandAssembler.Step> steps = new ArrayList<>();
        for (Object frame; (frame = channel.readInbound()) != null;) {
            steps.add(assembler.accept((io.mallard.protocol.codec.Frame) frame));
        }
        assertThat(steps).filteredOn(s -> !(s instanceof CommandAssembler.Pending)).hasSize(2);
        assertThat(steps).contains(new CommandAssembler.Refused("t1", true, "Command too big"));
        CommandAssembler.Complete last = (CommandAssembler.Complete) steps.get(steps.size() - 1);
        assertThat(CommandParser.parse(last.command())).isEqualTo(new ImapRequest.Bare("t2", "NOOP"));
    }

    private static EmbeddedChannel decoder() {
        return new EmbeddedChannel(new FrameDecoder(new FrameLimits(1000, 1000, 16), new ImapLiteralDetector()));
    }

    static List<byte[]> assemble(String wire, int chunkSize) {
        EmbeddedChannel channel = decoder();
        CommandAssembler assembler = new CommandAssembler(10_000);
        List<byte[]> commands = new ArrayList<>();
        byte[] bytes = wire.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += chunkSize) {
            int end = (int) Math.min(bytes.length, (long) i + chunkSize);
            channel.writeInbound(Unpooled.wrappedBuffer(java.util.Arrays.copyOfRange(bytes, i, end)));
            for (Object frame; (frame = channel.readInbound()) != null;) {
                if (assembler.accept((io.mallard.protocol.codec.Frame) frame) instanceof CommandAssembler.Complete c) {
                    commands.add(c.command());
                }
            }
        }
        return commands;
    }

    private static Arguments row(String wire, ImapRequest expected) {
        return Arguments.of(wire, expected);
    }
}
