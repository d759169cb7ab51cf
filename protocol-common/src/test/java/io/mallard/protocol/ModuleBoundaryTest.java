package io.mallard.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** protocol-common stays a wire library: Netty and Reactor only, and pure parsers stay pure. */
class ModuleBoundaryTest {

    private static final Path SOURCES = Path.of("src/main/java/io/mallard/protocol");

    private static List<String> importsIn(String packageDirectory) throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES.resolve(packageDirectory))) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .flatMap(ModuleBoundaryTest::lines)
                    .filter(line -> line.startsWith("import "))
                    .collect(Collectors.toList());
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void noSpringAndNoStorageAnywhere() throws IOException {
        assertThat(importsIn("")).noneMatch(line -> line.contains("org.springframework")
                || line.contains("io.mallard.model") || line.contains("com.mongodb") || line.contains("io.lettuce"));
    }

    @Test
    void saslParsersImportOnlyTheJdk() throws IOException {
        assertThat(importsIn("sasl")).allMatch(line -> line.startsWith("import java."));
    }

    @Test
    void codecKnowsNothingOfTheServer() throws IOException {
        assertThat(importsIn("codec")).noneMatch(line -> line.contains("io.mallard.protocol.")
                && !line.contains("io.mallard.protocol.codec"));
    }

    @Test
    void sourceFilesStayShort() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            assertThat(files.filter(file -> file.toString().endsWith(".java")))
                    .allMatch(file -> lines(file).count() < 300);
        }
    }
}
