package io.mallard.model.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;

import org.apache.james.mime4j.util.CharsetUtil;

/** Decodes a part held in memory ({@link TransferDecoding}) and reads its charset. */
final class BodyDecoder {

    private BodyDecoder() {
    }

    /** At most {@code limit} decoded bytes; damaged base64 or QP decodes as far as it can. */
    static byte[] decode(byte[] raw, Entity entity, int limit) {
        InputStream in = new ByteArrayInputStream(raw, entity.bodyStart(), entity.bodySize());
        try (InputStream decoded = TransferDecoding.decoding(in, entity.transferEncoding())) {
            return decoded.readNBytes(limit);
        } catch (IOException | RuntimeException e) {
            return new byte[0];
        }
    }

    /** Decoded text: the declared charset if Java knows it, else UTF-8 where valid, else windows-1252. */
    static String text(byte[] decoded, String charsetName) {
        Charset charset = charsetName == null ? null : lookup(charsetName);
        if (charset != null) {
            return new String(decoded, charset);
        }
        String utf8 = HeaderBlock.strictUtf8(decoded, 0, decoded.length);
        return utf8 != null ? utf8 : new String(decoded, Charset.forName("windows-1252"));
    }

    private static Charset lookup(String name) {
        try {
            return CharsetUtil.lookup(name.strip());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Decoded size without decoding: RFC 2045 §6.8 packs 3 bytes in 4 base64 characters. */
    static long estimateDecodedSize(byte[] raw, Entity entity) {
        if (!"base64".equals(entity.transferEncoding())) {
            return entity.bodySize();
        }
        long symbols = 0;
        for (int i = entity.bodyStart(); i < entity.end(); i++) {
            byte b = raw[i];
            if (b != '\r' && b != '\n' && b != ' ' && b != '\t' && b != '=') {
                symbols++;
            }
        }
        return symbols * 3 / 4;
    }
}
