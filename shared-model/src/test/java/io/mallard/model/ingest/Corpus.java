package io.mallard.model.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The test corpus of raw messages under src/test/resources/io/mallard/model/ingest/corpus. */
public final class Corpus {

    public static final List<String> NAMES = List.of(
            "01-simple-7bit", "02-8bit-utf8", "03-base64-text", "04-qp-text", "05-mixed-attachment",
            "06-alternative", "07-related-in-mixed", "08-rfc822-two-deep", "09-malformed-headers",
            "10-missing-final-boundary", "11-no-boundary-found", "12-iso-8859-1", "13-windows-1252",
            "14-koi8-r", "15-iso-2022-jp", "16-gb2312", "17-encoded-words", "18-bare-lf", "19-mixed-crlf-lf",
            "20-long-headers", "21-empty-body", "22-headers-only", "23-8bit-header", "24-latin1-8bit-header",
            "25-disposition-language", "26-digest", "27-rfc2231-filename", "28-encoded-filename",
            "29-base64-rfc822", "30-boundary-prefix", "31-unknown-charset", "32-groups-and-empty",
            "33-no-trailing-newline", "34-html-only-qp");

    private Corpus() {
    }

    public static byte[] load(String name) {
        try (InputStream in = Corpus.class.getResourceAsStream("corpus/" + name + ".eml")) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus message " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
