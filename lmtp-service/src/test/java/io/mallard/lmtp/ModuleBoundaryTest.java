package io.mallard.lmtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The wire stays apart from the mail logic, and files stay short enough to read in one go. */
class ModuleBoundaryTest {

    private static final Path SOURCES = Path.of("src/main/java/io/mallard/lmtp");

    private static List<Path> javaFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList();
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void codecImportsOnlyTheJdk() throws IOException {
        assertThat(javaFiles(SOURCES.resolve("codec")).stream().flatMap(file -> lines(file).stream())
                .filter(line -> line.startsWith("import "))).allMatch(line -> line.startsWith("import java."));
    }

    @Test
    void sourceFilesStayUnder300Lines() throws IOException {
        assertThat(javaFiles(SOURCES)).allMatch(file -> lines(file).size() < 300);
    }
}
