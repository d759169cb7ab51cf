package io.mallard.imap.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

import io.mallard.imap.support.TestServer;
import io.mallard.model.user.User;

/**
 * Fuzz-style: thousands of random and mutated command lines, before and after login, against the
 * live server. Every answer is a well-formed response line; a connection ends only with BYE; the
 * server keeps serving new connections throughout.
 */
@Timeout(120)
class BadInputTest {

    private static final Pattern RESPONSE = Pattern.compile("(\\* |\\+ |[^ ]+ (OK|NO|BAD) ).*");
    private static final List<String> CORPUS = List.of("a1 NOOP", "a2 CAPABILITY", "a3 SELECT INBOX",
            "a4 FETCH 1:* (FLAGS UID BODY.PEEK[HEADER.FIELDS (SUBJECT)]<0.10>)", "a5 UID FETCH 1,3:* BODY[1.TEXT]",
            "a6 STORE 1 +FLAGS.SILENT (\\Seen)", "a7 SEARCH OR UNSEEN FROM \"bob\" NOT (LARGER 10 SMALLER 5)",
            "a8 LIST \"\" \"%\"", "a9 STATUS INBOX (MESSAGES UIDNEXT)", "b1 UID SEARCH UID 2:*",
            "b2 EXAMINE \"INBOX\"", "b3 ENABLE X", "b4 ID NIL", "b5 COPY 1 Trash", "b6 UID EXPUNGE 9",
            "b7 FETCH 2 BODY[]<5.7>", "b8 LSUB \"\" *", "b9 UNSELECT", "c1 CHECK", "c2 ENABLE QRESYNC",
            "c3 SELECT INBOX (QRESYNC (1 2 1:3 (1:2 1,3)))", "c4 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)",
            "c5 STORE 1:2 (UNCHANGEDSINCE 3) -FLAGS (\\Seen)", "c6 FETCH 1 (MODSEQ) (CHANGEDSINCE 2)");

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    @Test
    void randomAndMutatedCommandsGetProtocolAnswersOnly() throws Exception {
        User user = server.user("fuzz");
        server.append(server.mailbox(user, "INBOX"), TestServer.message(1), List.of(), Instant.now());
        Random random = new Random(20261123);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            lines.add(i % 3 == 0 ? noise(random) : mutate(CORPUS.get(random.nextInt(CORPUS.size())), random));
        }
        int connections = 0;
        int answers = 0;
        for (int from = 0; from < lines.size(); from += 100) {
            List<String> batch = lines.subList(from, Math.min(lines.size(), from + 100));
            answers += session(batch, from % 200 == 0);
            connections++;
        }
        assertThat(answers).isGreaterThan(1000);
        assertThat(session(List.of("z1 NOOP"), false)).as("still serving after %d connections", connections)
                .isGreaterThanOrEqualTo(1);
    }

    /** Sends the lines on one connection (logged in and selected first, if asked) and checks every answer. */
    private static int session(List<String> batch, boolean login) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            StringBuilder wire = new StringBuilder();
            if (login) {
                wire.append("l1 LOGIN fuzz \"").append(TestServer.PASSWORD).append("\"\r\nl2 SELECT INBOX\r\n");
            }
            batch.forEach(line -> wire.append(line).append("\r\n"));
            wire.append("zz LOGOUT\r\n");
            Thread writer = new Thread(() -> {
                try {
                    out.write(wire.toString().getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException closedByServer) {
                    // BYE after too many bad commands: the rest is not read, which is the point.
                }
            });
            writer.start();
            assertThat(in.readLine()).startsWith("* OK");
            int answers = 0;
            int literalOctets = 0;
            boolean continuation = false;
            String last = null;
            try {
                for (String line; (line = in.readLine()) != null;) {
                    last = line;
                    if (literalOctets > 0) {
                        // Literal octets; the response continues after them on this line or the next.
                        literalOctets -= line.getBytes(StandardCharsets.UTF_8).length + 2;
                        continuation = literalOctets == 0;
                        if (literalOctets < 0) {
                            literalOctets = announced(line);
                            // An empty literal: the response goes on with the next line.
                            continuation = literalOctets == 0 && line.endsWith("{0}");
                        }
                        continue;
                    }
                    if (!continuation) {
                        assertThat(line).matches(RESPONSE);
                        answers++;
                    }
                    literalOctets = announced(line);
                    continuation = literalOctets == 0 && line.endsWith("{0}");
                }
            } catch (java.net.SocketTimeoutException waitingForLiteral) {
                // A mutated line announced a literal that never came: the server waits, as it must.
                return answers;
            } catch (java.net.SocketException reset) {
                // Closed after BYE with our unread commands still in its buffer: TCP resets, and may
                // discard the BYE itself before we read it.
                return answers;
            }
            assertThat(last).as("a connection ends with BYE or LOGOUT's OK").matches("\\* BYE .*|zz OK .*");
            return answers;
        }
    }

    private static int announced(String line) {
        java.util.regex.Matcher literal = Pattern.compile("\\{(\\d+)\\}$").matcher(line);
        return literal.find() ? Integer.parseInt(literal.group(1)) : 0;
    }

    private static String noise(Random random) {
        StringBuilder line = new StringBuilder();
        int length = random.nextInt(60);
        for (int i = 0; i < length; i++) {
            char c = (char) (random.nextInt(95) + 32);
            line.append(random.nextInt(20) == 0 ? (char) (random.nextInt(31) + 1) : c);
        }
        return line.toString().replace('\r', ' ').replace('\n', ' ');
    }

    private static String mutate(String line, Random random) {
        StringBuilder mutated = new StringBuilder(line);
        String specials = "(){}[]<>\"\\*%:,.~+ 0123456789";
        for (int edits = 1 + random.nextInt(3); edits > 0 && mutated.length() > 0; edits--) {
            int at = random.nextInt(mutated.length());
            switch (random.nextInt(3)) {
                case 0 -> mutated.deleteCharAt(at);
                case 1 -> mutated.insert(at, specials.charAt(random.nextInt(specials.length())));
                default -> mutated.setCharAt(at, specials.charAt(random.nextInt(specials.length())));
            }
        }
        return mutated.toString();
    }
}
