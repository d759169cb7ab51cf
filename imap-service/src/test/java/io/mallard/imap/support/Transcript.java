package io.mallard.imap.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs a {@code C:}/{@code S:} script over a real socket. {@code C: text} sends a line (CRLF added);
 * {@code S: regex} must fully match the next server line; {@code S~ regex} skips lines until one
 * matches; {@code #} starts a comment. {@code ${name}} is replaced from the variables.
 */
public final class Transcript {

    private Transcript() {
    }

    private static String read(BufferedReader in, int number, String expected) throws IOException {
        try {
            String line = in.readLine();
            if (Boolean.getBoolean("transcript.trace")) {
                System.out.println("S: " + line);
            }
            return line;
        } catch (java.net.SocketTimeoutException e) {
            throw new AssertionError("script line " + number + ": no answer for " + expected, e);
        }
    }

    public static void run(int port, List<String> script, Map<String, String> variables) throws IOException {
        run(port, new byte[0], script, variables);
    }

    /** As {@link #run(int, List, Map)}, sending {@code preamble} (a PROXY protocol header) before the greeting. */
    public static void run(int port, byte[] preamble, List<String> script, Map<String, String> variables)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(preamble);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            assertThat(in.readLine()).startsWith("* OK ");
            int number = 0;
            for (String raw : script) {
                number++;
                String line = raw;
                for (Map.Entry<String, String> variable : variables.entrySet()) {
                    line = line.replace("${" + variable.getKey() + "}", variable.getValue());
                }
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("C: ")) {
                    out.write((line.substring(3) + "\r\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } else if (line.startsWith("S: ")) {
                    String got = read(in, number, line);
                    assertThat(got).as("script line %d: %s", number, line)
                            .matches(Pattern.compile(line.substring(3), Pattern.DOTALL));
                } else if (line.startsWith("S~ ")) {
                    Pattern wanted = Pattern.compile(line.substring(3));
                    String got;
                    do {
                        got = read(in, number, line);
                        assertThat(got).as("script line %d: %s", number, line).isNotNull();
                    } while (!wanted.matcher(got).matches());
                } else {
                    throw new IllegalArgumentException("Bad script line " + number + ": " + line);
                }
            }
        }
    }
}
