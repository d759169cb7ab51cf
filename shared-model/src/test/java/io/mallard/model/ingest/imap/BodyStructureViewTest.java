package io.mallard.model.ingest.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.mallard.model.ingest.Corpus;
import io.mallard.model.ingest.MessageParser;

class BodyStructureViewTest {

    static Stream<Arguments> bodies() {
        String plain = "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" ";
        return Stream.of(
                Arguments.of("01-simple-7bit", plain + "38 2)"),
                Arguments.of("05-mixed-attachment", "(" + plain + "13 0)"
                        + "(\"application\" \"octet-stream\" (\"name\" \"data.bin\") NIL NIL \"base64\" 14014) \"mixed\")"),
                Arguments.of("26-digest", "((\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 56"
                        + " (NIL \"first\" ((NIL NIL \"x\" \"example.com\")) ((NIL NIL \"x\" \"example.com\"))"
                        + " ((NIL NIL \"x\" \"example.com\")) NIL NIL NIL NIL NIL) " + plain + "17 0) 3)"
                        + "(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 58"
                        + " (NIL \"second\" ((NIL NIL \"y\" \"example.com\")) ((NIL NIL \"y\" \"example.com\"))"
                        + " ((NIL NIL \"y\" \"example.com\")) NIL NIL NIL NIL NIL) " + plain + "18 0) 3) \"digest\")"));
    }

    @ParameterizedTest
    @MethodSource("bodies")
    void bodyIsBodyStructureWithoutExtensionData(String name, String expected) {
        var structure = new MessageParser().parse(Corpus.load(name)).bodyStructure();
        assertThat(ImapValueWriter.writeBodyStructure(BodyStructureView.withoutExtensions(structure))).isEqualTo(expected);
    }
}
