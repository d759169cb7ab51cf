package io.mallard.protocol.sasl;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Decodes one client response line: limit, cancel, strict base64, strict UTF-8. */
final class SaslResponseReader {

    /** A decoded response, or the reason it could not be decoded. */
    record Decoded(String text, SaslError error) {
    }

    private final int maxLength;

    SaslResponseReader(int maxLength) {
        this.maxLength = maxLength;
    }

    Decoded read(String response) {
        if (response.length() > maxLength) {
            return new Decoded(null, SaslError.TOO_LONG);
        }
        if (response.equals("*")) {
            return new Decoded(null, SaslError.CANCELLED);
        }
        // RFC 4959 §3: "=" stands for an empty initial response.
        if (response.equals("=")) {
            return new Decoded("", null);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(response);
        } catch (IllegalArgumentException e) {
            return new Decoded(null, SaslError.MALFORMED_BASE64);
        }
        try {
            // RFC 4616 §2: the message is UTF-8; reject rather than guess on invalid sequences.
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return new Decoded(text, null);
        } catch (CharacterCodingException e) {
            return new Decoded(null, SaslError.MALFORMED_MESSAGE);
        }
    }
}
