package io.mallard.imap.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** DESIGN.md: the wire layer imports no storage, so a parser is testable and fuzzable alone. */
class CodecIndependenceTest {

    @Test
    void codecImportsNothingFromTheModelNorFromTheServiceLayers() throws IOException {
        Path codec = Path.of("src/main/java/io/mallard/imap/codec");
        try (Stream<Path> files = Files.list(codec)) {
            List<String> offending = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(CodecIndependenceTest::lines)
                    .filter(line -> line.startsWith("import ") && (line.contains("io.mallard.model")
                            || line.contains("io.mallard.imap.command") || line.contains("io.mallard.imap.session")
                            || line.contains("org.springframework") || line.contains("reactor.")))
                    .toList();
            assertThat(offending).isEmpty();
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
