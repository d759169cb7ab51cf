package io.mallard.model.store.embedded;

import java.io.IOException;
import java.nio.file.Path;

/** A program of these tests in a JVM of its own, to be killed with SIGKILL; its output and errors in one stream. */
final class ChildJvm {

    private ChildJvm() {
    }

    static Process start(Class<?> main, Path dataDir) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName(), dataDir.toString())
                .redirectErrorStream(true)
                .start();
    }
}
