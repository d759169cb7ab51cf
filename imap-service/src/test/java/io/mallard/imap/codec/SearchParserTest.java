package io.mallard.imap.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.mallard.imap.codec.ImapRequest.ThreadAlgorithm;
import io.mallard.imap.codec.SearchKey.All;
import io.mallard.imap.codec.SearchKey.And;
import io.mallard.imap.codec.SearchKey.Date;
import io.mallard.imap.codec.SearchKey.DateRelation;
import io.mallard.imap.codec.SearchKey.Flag;
import io.mallard.imap.codec.SearchKey.Header;
import io.mallard.imap.codec.SearchKey.Modseq;
import io.mallard.imap.codec.SearchKey.Not;
import io.mallard.imap.codec.SearchKey.Or;
import io.mallard.imap.codec.SearchKey.Sequence;
import io.mallard.imap.codec.SearchKey.Size;
import io.mallard.imap.codec.SearchKey.Text;
import io.mallard.imap.codec.SearchKey.Within;
import io.mallard.imap.codec.SortCriterion.Key;

/**
 * Every search key and form of RFC 3501 §6.4.4, RFC 4731 RETURN, RFC 5032 WITHIN, RFC 7162 MODSEQ,
 * RFC 5182 {@code $}
 * and the RFC 5256 SORT and THREAD commands, wire → record, each fed whole, in pieces and byte by byte.
 */
class SearchParserTest {

    private static final LocalDate FEB_1 = LocalDate.of(1994, 2, 1);

    static Stream<Arguments> keys() {
        return Stream.of(
                row("ALL", new All()),
                row("OLD", new All()),
                row("NEW", new Not(new All())),
                row("RECENT", new Not(new All())),
                row("ANSWERED", new Flag("\\Answered", true)),
                row("DELETED", new Flag("\\Deleted", true)),
                row("DRAFT", new Flag("\\Draft", true)),
                row("flagged", new Flag("\\Flagged", true)),
                row("SEEN", new Flag("\\Seen", true)),
                row("UNANSWERED", new Flag("\\Answered", false)),
                row("UNDELETED", new Flag("\\Deleted", false)),
                row("UNDRAFT", new Flag("\\Draft", false)),
                row("UNFLAGGED", new Flag("\\Flagged", false)),
                row("UNSEEN", new Flag("\\Seen", false)),
                row("KEYWORD $Work", new Flag("$Work", true)),
                row("UNKEYWORD $Work", new Flag("$Work", false)),
                row("BCC bob", new Header("BCC", "bob")),
                row("CC \"Bob Smith\"", new Header("CC", "Bob Smith")),
                row("FROM {3}\r\nbob", new Header("FROM", "bob")),
                row("TO {4+}\r\na\"b)", new Header("TO", "a\"b)")),
                row("SUBJECT \"\"", new Header("SUBJECT", "")),
                row("HEADER Message-ID \"<x@y>\"", new Header("MESSAGE-ID", "<x@y>")),
                row("BODY \"café\"", new Text("café", false)),
                row("TEXT hello", new Text("hello", true)),
                row("BEFORE 1-Feb-1994", new Date(DateRelation.BEFORE, FEB_1, false)),
                row("ON \"01-Feb-1994\"", new Date(DateRelation.ON, FEB_1, false)),
                row("SINCE 1-feb-1994", new Date(DateRelation.SINCE, FEB_1, false)),
                row("SENTBEFORE 1-Feb-1994", new Date(DateRelation.BEFORE, FEB_1, true)),
                row("SENTON 1-Feb-1994", new Date(DateRelation.ON, FEB_1, true)),
                row("SENTSINCE 1-Feb-1994", new Date(DateRelation.SINCE, FEB_1, true)),
                row("LARGER 100", new Size(100, true)),
                row("SMALLER 0", new Size(0, false)),
                row("OLDER 3600", new Within(3600, true)),
                row("YOUNGER 60", new Within(60, false)),
                // RFC 7162 §3.1.5, with its examples: the entry name and type are taken and ignored.
                row("MODSEQ 620162338", new Modseq(620162338)),
                row("MODSEQ \"/flags/\\\\draft\" all 620162338", new Modseq(620162338)),
                row("MODSEQ {15}\r\n/flags/$MDNSent PRIV 0", new Modseq(0)),
                row("OR NOT MODSEQ 720162338 LARGER 50000", new Or(new Not(new Modseq(720162338)), new Size(50000, true))),
                row("UID 1:*,7", new Sequence(SequenceSet.parse("1:*,7"), true)),
                row("2,4:6", new Sequence(SequenceSet.parse("2,4:6"), false)),
                row("*", new Sequence(SequenceSet.parse("*"), false)),
                row("$", new Sequence(SequenceSet.SAVED, false)),
                row("UID $", new Sequence(SequenceSet.SAVED, true)),
                row("NOT SEEN", new Not(new Flag("\\Seen", true))),
                row("OR SEEN DRAFT", new Or(new Flag("\\Seen", true), new Flag("\\Draft", true))),
                row("(SEEN)", new Flag("\\Seen", true)),
                row("(SEEN DRAFT) LARGER 5", new And(List.of(new And(List.of(new Flag("\\Seen", true),
                        new Flag("\\Draft", true))), new Size(5, true)))),
                row("OR (FROM a TO b) NOT OR SEEN (1:2 UID 3)", new Or(
                        new And(List.of(new Header("FROM", "a"), new Header("TO", "b"))),
                        new Not(new Or(new Flag("\\Seen", true), new And(List.of(
                                new Sequence(SequenceSet.parse("1:2"), false),
                                new Sequence(SequenceSet.parse("3"), true))))))),
                row("NOT NOT OR OR SEEN DRAFT NOT DELETED", new Not(new Not(new Or(
                        new Or(new Flag("\\Seen", true), new Flag("\\Draft", true)),
                        new Not(new Flag("\\Deleted", true)))))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void parsesEachKey(String criteria, SearchKey expected) {
        ImapRequest request = Wire.parseEachWay("t SEARCH " + criteria + "\r\n");
        assertThat(request).usingRecursiveComparison().ignoringFields("program.recentKeys")
                .isEqualTo(new ImapRequest.Search("t", "SEARCH", false, Set.of(), new SearchProgram(null, expected)));
    }

    @Test
    void marksTheKeysThatIMAP4rev2Removed() {
        for (String criteria : List.of("NEW", "OLD", "RECENT", "OR SEEN (NOT OLD)")) {
            ImapRequest.Search search = (ImapRequest.Search) Wire.parseEachWay("t SEARCH " + criteria + "\r\n");
            assertThat(search.program().recentKeys()).as(criteria).isTrue();
        }
        ImapRequest.Search plain = (ImapRequest.Search) Wire.parseEachWay("t SEARCH SEEN UNSEEN ALL\r\n");
        assertThat(plain.program().recentKeys()).isFalse();
    }

    @Test
    void stringsAreDecodedFromTheNamedCharset() {
        // "é" sent as UTF-8 octets C3 A9 but declared ISO-8859-1 reads as two Latin-1 characters.
        ImapRequest.Search search = (ImapRequest.Search) Wire.parseEachWay(
                "t SEARCH CHARSET ISO-8859-1 SUBJECT {2}\r\né\r\n");
        assertThat(search.program()).isEqualTo(new SearchProgram("ISO-8859-1", new Header("SUBJECT", "Ã©")));
        assertThat(search.program().charsetSupported()).isTrue();
        ImapRequest.Search utf8 = (ImapRequest.Search) Wire.parseEachWay("t UID SEARCH CHARSET utf-8 BODY \"é\"\r\n");
        assertThat(utf8.program().key()).isEqualTo(new Text("é", false));
        assertThat(((ImapRequest.Search) Wire.parseEachWay("t SEARCH CHARSET KOI8-R ALL\r\n")).program()
                .charsetSupported()).isTrue();
    }

    @Test
    void anUnknownCharsetParsesSoThatTheCommandCanAnswerBadCharset() {
        ImapRequest.Search search = (ImapRequest.Search) Wire.parseEachWay("t SEARCH CHARSET X-KLINGON TEXT a\r\n");
        assertThat(search.program().charsetSupported()).isFalse();
        assertThat(((ImapRequest.Search) Wire.parseEachWay("t SEARCH CHARSET \"bad name!\" ALL\r\n")).program()
                .charsetSupported()).isFalse();
    }

    static Stream<Arguments> returns() {
        return Stream.of(
                Arguments.of("RETURN (MIN MAX)", Set.of(ReturnOption.MIN, ReturnOption.MAX)),
                Arguments.of("RETURN (count all)", Set.of(ReturnOption.COUNT, ReturnOption.ALL)),
                Arguments.of("RETURN ()", Set.of(ReturnOption.ALL)),
                Arguments.of("RETURN (SAVE)", Set.of(ReturnOption.SAVE)),
                Arguments.of("RETURN (SAVE MIN) CHARSET UTF-8", Set.of(ReturnOption.SAVE, ReturnOption.MIN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("returns")
    void parsesReturnOptions(String options, Set<ReturnOption> expected) {
        ImapRequest.Search search = (ImapRequest.Search) Wire.parseEachWay("t UID SEARCH " + options + " SEEN\r\n");
        assertThat(search.returns()).isEqualTo(expected);
        assertThat(search.uid()).isTrue();
        assertThat(search.program().key()).isEqualTo(new Flag("\\Seen", true));
    }

    @Test
    void parsesSortAndThread() {
        assertThat(Wire.parseEachWay("s1 SORT (REVERSE ARRIVAL subject DISPLAYFROM) UTF-8 UNSEEN\r\n"))
                .isEqualTo(new ImapRequest.Sort("s1", "SORT", false, Set.of(), List.of(new SortCriterion(Key.ARRIVAL, true),
                        new SortCriterion(Key.SUBJECT, false), new SortCriterion(Key.DISPLAYFROM, false)),
                        new SearchProgram("UTF-8", new Flag("\\Seen", false))));
        assertThat(Wire.parseEachWay("s2 UID SORT (SIZE) US-ASCII ALL\r\n")).isEqualTo(new ImapRequest.Sort("s2",
                "UID SORT", true, Set.of(), List.of(new SortCriterion(Key.SIZE, false)),
                new SearchProgram("US-ASCII", new All())));
        // RFC 5267 §3 ESORT: RETURN before the sort criteria; RETURN () means ALL, as for SEARCH.
        assertThat(Wire.parseEachWay("s3 SORT RETURN (MIN count) (DATE) UTF-8 ALL\r\n")).isEqualTo(new ImapRequest.Sort(
                "s3", "SORT", false, Set.of(ReturnOption.MIN, ReturnOption.COUNT), List.of(new SortCriterion(Key.DATE, false)),
                new SearchProgram("UTF-8", new All())));
        assertThat(((ImapRequest.Sort) Wire.parseEachWay("s4 UID SORT RETURN () (DATE) UTF-8 ALL\r\n")).returns())
                .isEqualTo(Set.of(ReturnOption.ALL));
        assertThat(Wire.parseEachWay("t1 THREAD REFERENCES UTF-8 SINCE 1-Feb-1994\r\n")).isEqualTo(
                new ImapRequest.Thread("t1", "THREAD", false, ThreadAlgorithm.REFERENCES,
                        new SearchProgram("UTF-8", new Date(DateRelation.SINCE, FEB_1, false))));
        assertThat(Wire.parseEachWay("t2 UID THREAD orderedsubject UTF-8 ALL\r\n")).isEqualTo(new ImapRequest.Thread(
                "t2", "UID THREAD", true, ThreadAlgorithm.ORDEREDSUBJECT, new SearchProgram("UTF-8", new All())));
    }

    static Stream<String> invalid() {
        return Stream.of("t SEARCH\r\n", "t SEARCH FROB\r\n", "t SEARCH FROM\r\n", "t SEARCH CHARSET\r\n",
                "t SEARCH CHARSET UTF-8\r\n", "t SEARCH BEFORE 31-Feb-1994\r\n", "t SEARCH ON 1994-02-01\r\n",
                "t SEARCH LARGER -1\r\n", "t SEARCH LARGER x\r\n", "t SEARCH OR SEEN\r\n", "t SEARCH NOT\r\n",
                "t SEARCH ()\r\n", "t SEARCH (SEEN\r\n", "t SEARCH UID 0\r\n", "t SEARCH 1:x\r\n",
                "t SEARCH KEYWORD \\Seen\r\n", "t SEARCH HEADER Subject\r\n", "t SEARCH $,1\r\n",
                "t SEARCH RETURN (FOO) ALL\r\n", "t SEARCH RETURN MIN ALL\r\n", "t SEARCH OLDER\r\n",
                "t SEARCH MODSEQ\r\n", "t SEARCH MODSEQ x\r\n", "t SEARCH MODSEQ \"/flags/\\\\seen\" mine 5\r\n",
                "t SEARCH MODSEQ \"/flags/\\\\seen\" 5\r\n", "t SEARCH MODSEQ 99999999999999999999\r\n",
                "t SEARCH " + "NOT ".repeat(SearchParser.MAX_DEPTH + 1) + "SEEN\r\n",
                "t SEARCH " + "(".repeat(SearchParser.MAX_DEPTH + 1) + "SEEN" + ")".repeat(SearchParser.MAX_DEPTH + 1) + "\r\n",
                "t SORT ARRIVAL UTF-8 ALL\r\n", "t SORT RETURN (FOO) (DATE) UTF-8 ALL\r\n",
                "t SORT (DATE) RETURN (MIN) UTF-8 ALL\r\n", "t SORT () UTF-8 ALL\r\n", "t SORT (REVERSE) UTF-8 ALL\r\n",
                "t SORT (REVERSE REVERSE DATE) UTF-8 ALL\r\n", "t SORT (COLOR) UTF-8 ALL\r\n", "t SORT (DATE) ALL\r\n",
                "t THREAD REFERENCES\r\n", "t THREAD JWZ UTF-8 ALL\r\n", "t THREAD (REFERENCES) UTF-8 ALL\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refusesMalformedCriteria(String wire) {
        byte[] command = Wire.assemble(wire, Integer.MAX_VALUE).get(0);
        assertThatThrownBy(() -> CommandParser.parse(command)).isInstanceOf(ImapSyntaxException.class);
    }

    private static Arguments row(String criteria, SearchKey key) {
        return Arguments.of(criteria, key);
    }
}
