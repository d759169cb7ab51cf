package io.mallard.model.ingest.content;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

/** Messages too big or too binary to commit, generated with a fixed seed. */
final class GeneratedMessages {

    private GeneratedMessages() {
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** multipart/mixed: a text part and one base64 attachment of the given bytes. */
    static byte[] withBase64Attachment(String messageId, String text, byte[] attachment) {
        String encoded = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(attachment);
        String message = "From: sender@example.com\r\nTo: rcpt@example.com\r\nSubject: attachment " + messageId
                + "\r\nMessage-ID: <" + messageId + "@example.com>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"=_b\"\r\n\r\n--=_b\r\nContent-Type: text/plain\r\n\r\n"
                + text + "\r\n--=_b\r\nContent-Type: application/octet-stream; name=\"blob.bin\"\r\n"
                + "Content-Disposition: attachment; filename=\"blob.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + encoded + "\r\n--=_b--\r\n";
        return message.getBytes(StandardCharsets.US_ASCII);
    }

    /** A part in Content-Transfer-Encoding: binary (RFC 3030), raw bytes with NUL, CR and LF. */
    static byte[] withBinaryAttachment(byte[] attachment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("From: sender@example.com\r\nSubject: binary\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"bin-boundary-7f3a\"\r\n\r\n--bin-boundary-7f3a\r\n"
                + "Content-Type: text/plain\r\n\r\nbinary follows\r\n--bin-boundary-7f3a\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n"
                + "Content-Disposition: attachment; filename=raw.bin\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(attachment);
        out.writeBytes("\r\n--bin-boundary-7f3a--\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
