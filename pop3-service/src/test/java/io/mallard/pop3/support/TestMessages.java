package io.mallard.pop3.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/** RFC 5322 messages for the tests. */
public final class TestMessages {

    private TestMessages() {
    }

    public static String numbered(int i) {
        return "From: sender@example.com\r\nTo: user@example.com\r\nSubject: Message " + i
                + "\r\nMessage-ID: <m" + i + "." + System.nanoTime() + "@example.com>\r\n\r\nBody of message " + i
                + "\r\n.starts with a dot\r\nlast line\r\n";
    }

    /** {@code size} bytes of a fixed seed, so that two calls with the same seed give the same attachment. */
    public static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /**
     * multipart/mixed (RFC 2046 §5.1): a text part with lines that start with a dot (RFC 1939 §3
     * stuffs them), then each attachment in base64.
     */
    public static byte[] withAttachments(String name, byte[]... attachments) {
        StringBuilder message = new StringBuilder("From: sender@example.com\r\nTo: user@example.com\r\nSubject: "
                + name + "\r\nMessage-ID: <" + name + "." + System.nanoTime() + "@example.com>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"=_part\"\r\n\r\n--=_part\r\nContent-Type: text/plain\r\n\r\n"
                + "About " + name + "\r\n.a dot starts this line\r\n..and two this one\r\n");
        for (int i = 0; i < attachments.length; i++) {
            message.append("--=_part\r\nContent-Type: application/octet-stream; name=\"a").append(i)
                    .append(".bin\"\r\nContent-Disposition: attachment; filename=\"a").append(i)
                    .append(".bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                    .append(Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(attachments[i]))
                    .append("\r\n");
        }
        return message.append("--=_part--\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }
}
