package io.mallard.model.outbound;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;

import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * Hands one queued message to the configured SMTP relay with Angus Mail, with the queued
 * envelope (MAIL FROM, RCPT TO) rather than the header addresses. Blocking: callers run it on a
 * worker thread.
 */
public final class SmtpRelay {

    private final Session session;

    public SmtpRelay(String host, int port, String heloName, Duration timeout) {
        Properties properties = new Properties();
        // Our own name for EHLO; left unset, Angus resolves the local host name on every connection.
        properties.put("mail.smtp.localhost", heloName);
        properties.put("mail.smtp.host", host);
        properties.put("mail.smtp.port", String.valueOf(port));
        properties.put("mail.smtp.connectiontimeout", String.valueOf(timeout.toMillis()));
        properties.put("mail.smtp.timeout", String.valueOf(timeout.toMillis()));
        properties.put("mail.smtp.writetimeout", String.valueOf(timeout.toMillis()));
        // RFC 6531/6152: forwarded mail keeps its UTF-8 headers and 8-bit body as they arrived. Not
        // mail.smtp.allow8bitmime: it re-encodes quoted-printable and base64 text parts to 8bit and
        // then saves the message, which gives it a new Message-ID; BODY=8BITMIME is declared below.
        properties.put("mail.mime.allowutf8", "true");
        this.session = Session.getInstance(properties);
    }

    public void send(OutboundMessage message) throws MessagingException {
        SMTPMessage mime = new SMTPMessage(session, new ByteArrayInputStream(message.raw()));
        // The null reverse-path (bounces, autoreplies) is what keeps a reply from being answered again.
        mime.setEnvelopeFrom(message.sender().isEmpty() ? "<>" : message.sender());
        if (hasEightBit(message.raw())) {
            mime.setMailExtension("BODY=8BITMIME");
        }
        Address[] recipients = new Address[message.recipients().size()];
        for (int i = 0; i < recipients.length; i++) {
            recipients[i] = new InternetAddress(message.recipients().get(i), false);
        }
        // Transport.send would call saveChanges(), which rewrites Message-ID and adds headers:
        // sendMessage passes the bytes on as they are.
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(mime, recipients);
        }
    }

    private static boolean hasEightBit(byte[] raw) {
        for (byte b : raw) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }
}
