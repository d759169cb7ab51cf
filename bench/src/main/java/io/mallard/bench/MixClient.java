package io.mallard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * One simulated mail client with its own user, until the deadline: sessions of LOGIN, SELECT
 * INBOX, ten cycles of (FETCH headers of 50, FETCH one body, STORE, SEARCH, APPEND), LOGOUT.
 * Seeded, so each server sees the same sequence of commands; an operation counts only if it
 * ended before the deadline.
 */
final class MixClient implements Runnable {

    static final String APPEND_MAILBOX = "Bench";
    private static final int CYCLES = 10;
    private static final int RANGE = 50;
    private static final String HEADERS = "(UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE "
            + "BODY.PEEK[HEADER.FIELDS (DATE FROM TO CC SUBJECT MESSAGE-ID REFERENCES)])";
    private static final String[] SEARCHES = {"UNSEEN", "FLAGGED SINCE 1-Jan-2020", "FROM \"sender3\"",
            "SUBJECT \"invoice\"", "LARGER 20000"};
    private static final byte[] MESSAGE = message();

    private final Target target;
    private final String user;
    private final long deadline;
    private final Random random;
    private final OpLog log = new OpLog();

    MixClient(Target target, int index, long deadlineNanos) {
        this.target = target;
        this.user = Target.user(index);
        this.deadline = deadlineNanos;
        this.random = new Random(index);
    }

    OpLog log() {
        return log;
    }

    @Override
    public void run() {
        while (System.nanoTime() < deadline) {
            try {
                session();
            } catch (IOException | RuntimeException e) {
                log.error(user + ": " + e);
                pause();
            }
        }
    }

    private void session() throws IOException {
        long started = System.nanoTime();
        try (ImapClient client = ImapClient.open(target.host(), target.port())) {
            if (!timed(Operation.LOGIN, started,
                    client.command("LOGIN " + user + " \"" + target.password() + "\""))) {
                return;
            }
            long selectStarted = System.nanoTime();
            ImapReply select = client.command("SELECT INBOX");
            if (!timed(Operation.SELECT, selectStarted, select)) {
                return;
            }
            long exists = select.number("EXISTS");
            for (int cycle = 0; cycle < CYCLES && System.nanoTime() < deadline && exists > 0; cycle++) {
                long first = 1 + random.nextInt((int) Math.max(1, exists - RANGE + 1));
                long last = Math.min(exists, first + RANGE - 1);
                long message = 1 + random.nextInt((int) exists);
                long at = System.nanoTime();
                ImapReply headers = client.command("FETCH " + first + ":" + last + " " + HEADERS);
                if (headers.ok() && headers.count(" FETCH ") != last - first + 1) {
                    log.error(user + ": FETCH " + first + ":" + last + " answered " + headers.count(" FETCH "));
                }
                timed(Operation.FETCH_HEADERS, at, headers);
                at = System.nanoTime();
                ImapReply body = client.command("FETCH " + message + " BODY.PEEK[]");
                if (body.ok() && body.literalBytes() == 0) {
                    log.error(user + ": FETCH " + message + " BODY.PEEK[] returned no literal");
                }
                timed(Operation.FETCH_BODY, at, body);
                at = System.nanoTime();
                timed(Operation.STORE, at, client.command("STORE " + message + (cycle % 2 == 0 ? " +" : " -")
                        + "FLAGS (\\Flagged)"));
                at = System.nanoTime();
                timed(Operation.SEARCH, at, client.command("SEARCH " + SEARCHES[cycle % SEARCHES.length]));
                at = System.nanoTime();
                timed(Operation.APPEND, at, client.append(APPEND_MAILBOX, MESSAGE));
            }
            long at = System.nanoTime();
            timed(Operation.LOGOUT, at, client.command("LOGOUT"));
        }
    }

    /** Records the latency if the answer is OK and came before the deadline; true when OK. */
    private boolean timed(Operation operation, long started, ImapReply reply) {
        long ended = System.nanoTime();
        if (!reply.ok()) {
            log.error(user + ": " + operation + " answered " + reply.tagged());
            return false;
        }
        if (ended <= deadline) {
            log.record(operation, (ended - started) / 1000);
        }
        return true;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A 4 KB plain-text message, the same bytes for every APPEND. */
    private static byte[] message() {
        StringBuilder text = new StringBuilder("From: Bench <bench@example.org>\r\nTo: bench@example.com\r\n"
                + "Subject: appended by the benchmark\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: <append@bench.example.org>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\n");
        while (text.length() < 4096) {
            text.append("mallard duck pond feather migrate wetland quack drake hen nest reed river\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
