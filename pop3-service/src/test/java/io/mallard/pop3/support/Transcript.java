package io.mallard.pop3.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * Runs a {@code C:}/{@code S:} script against the server over a real socket. {@code C:} lines are
 * sent as written (so several in a row are pipelined), each {@code S:} line must be the next line
 * read, exactly, or as a prefix when it ends in {@code ...}. {@code ${name}} is replaced from the
 * variables. {@code -- starttls} upgrades the client, {@code -- closed} expects the server to
 * have closed the connection. A bare {@code S:} or {@code C:} is an empty line; write a trailing space as {@code \s}.
 */
public final class Transcript {

    private Transcript() {
    }

    public static void run(InetSocketAddress server, Map<String, String> variables, String script) {
        try (Pop3Client client = new Pop3Client(server)) {
            run(client, variables, script);
        }
    }

    public static void run(Pop3Client client, Map<String, String> variables, String script) {
        int number = 0;
        for (String raw : script.strip().split("\n")) {
            number++;
            String line = substitute(raw.stripLeading(), variables);
            line = line.equals("S:") || line.equals("C:") ? line + " " : line;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "transcript line " + number + ": " + line;
            if (line.startsWith("C: ")) {
                client.send(line.substring(3));
            } else if (line.startsWith("S: ")) {
                String expected = line.substring(3);
                String actual = client.readLine();
                if (expected.endsWith("...")) {
                    assertThat(actual).as(where).startsWith(expected.substring(0, expected.length() - 3));
                } else {
                    assertThat(actual).as(where).isEqualTo(expected);
                }
            } else if (line.equals("-- starttls")) {
                client.startTls();
            } else if (line.equals("-- closed")) {
                assertThat(client.closedByServer()).as(where).isTrue();
            } else {
                throw new IllegalArgumentException("Not a transcript line: " + where);
            }
        }
    }

    private static String substitute(String line, Map<String, String> variables) {
        String result = line;
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            result = result.replace("${" + variable.getKey() + "}", variable.getValue());
        }
        return result;
    }
}
