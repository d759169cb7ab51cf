package io.mallard.lmtp.delivery;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The fields prepended on delivery to each recipient's copy: {@code Return-Path} (RFC 5321
 * §4.4), {@code Delivered-To} (loop detection, as Postfix and Dovecot write it) and a
 * {@code Received} trace line (RFC 5321 §4.4) whose protocol is from RFC 3848.
 */
public record TraceHeaders(String hostName) {

    public byte[] prepend(Envelope envelope, String recipient, byte[] content) {
        String protocol = (envelope.smtpUtf8() ? "UTF8LMTP" : "LMTP") + (envelope.tls() ? "S" : "");
        String fields = "Return-Path: <" + envelope.sender() + ">\r\n"
                + "Delivered-To: " + recipient + "\r\n"
                + "Received: from " + envelope.lhloDomain() + " ([" + envelope.clientAddress() + "])\r\n"
                + "\tby " + hostName + " (Mallard) with " + protocol + " id " + envelope.id() + "\r\n"
                + "\tfor <" + recipient + ">; "
                + DateTimeFormatter.RFC_1123_DATE_TIME.format(envelope.received().atZone(ZoneOffset.UTC)) + "\r\n";
        byte[] head = fields.getBytes(StandardCharsets.UTF_8);
        byte[] copy = new byte[head.length + content.length];
        System.arraycopy(head, 0, copy, 0, head.length);
        System.arraycopy(content, 0, copy, head.length, content.length);
        return copy;
    }
}
