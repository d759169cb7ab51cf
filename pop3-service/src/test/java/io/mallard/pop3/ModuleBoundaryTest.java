package io.mallard.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The wire stays apart from the mail logic: the codec parses without storage, files stay short. */
class ModuleBoundaryTest {

    private static final Path SOURCES = Path.of("src/main/java/io/mallard/pop3");

    @Test
    void codecImportsNoStorageNoSessionAndNoSpring() throws IOException {
        assertThat(importsIn("codec")).noneMatch(line -> line.contains("io.mallard.model")
                || line.contains("io.mallard.pop3.") && !line.contains("io.mallard.pop3.codec")
                || line.contains("org.springframework") || line.contains("com.mongodb") || line.contains("io.lettuce"));
    }

    @Test
    void commandHandlersDoNotReachIntoTheSessionOrServer() throws IOException {
        assertThat(importsIn("command")).noneMatch(line -> line.contains("io.mallard.pop3.session")
                || line.contains("io.mallard.pop3.server"));
    }

    @Test
    void sourceFilesStayShort() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            assertThat(files.filter(file -> file.toString().endsWith(".java")))
                    .allSatisfy(file -> assertThat(lines(file)).hasSizeLessThan(300));
        }
    }

    private static List<String> importsIn(String packageDirectory) throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES.resolve(packageDirectory))) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .flatMap(file -> lines(file).stream())
                    .filter(line -> line.startsWith("import "))
                    .toList();
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
