package io.mallard.pop3.support;

/** Small RFC 5322 messages for the tests. */
public final class TestMessages {

    private TestMessages() {
    }

    public static String numbered(int i) {
        return "From: sender@example.com\r\nTo: user@example.com\r\nSubject: Message " + i
                + "\r\nMessage-ID: <m" + i + "." + System.nanoTime() + "@example.com>\r\n\r\nBody of message " + i
                + "\r\n.starts with a dot\r\nlast line\r\n";
    }
}
