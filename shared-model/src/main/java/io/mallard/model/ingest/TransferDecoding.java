package io.mallard.model.ingest;

import java.io.InputStream;

import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;

/**
 * Undoes a part's Content-Transfer-Encoding (RFC 2045 §6) with mime4j's decoders, as a stream:
 * ingest decodes text parts from memory, the API streams attachment downloads. Damaged base64 or
 * quoted-printable decodes as far as it can rather than failing.
 */
public final class TransferDecoding {

    private TransferDecoding() {
    }

    /** The decoded bytes of {@code encoded}; 7bit, 8bit, binary and unknown encodings pass as they are. */
    public static InputStream decoding(InputStream encoded, String transferEncoding) {
        if ("base64".equals(transferEncoding)) {
            return new Base64InputStream(encoded, DecodeMonitor.SILENT);
        }
        if ("quoted-printable".equals(transferEncoding)) {
            return new QuotedPrintableInputStream(encoded, DecodeMonitor.SILENT);
        }
        return encoded;
    }
}
