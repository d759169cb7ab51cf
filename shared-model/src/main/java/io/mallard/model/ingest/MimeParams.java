package io.mallard.model.ingest;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.ParserCursor;
import org.apache.james.mime4j.stream.RawFieldParser;

/** Reads "value; name=value" header bodies (Content-Type, Content-Disposition, RFC 2045 §5.1) with mime4j. */
final class MimeParams {

    private MimeParams() {
    }

    /** The parsed body, or {@code null} when the field is absent or unreadable. */
    static RawBody parse(HeaderBlock header, String name) {
        String field = header.octets(name);
        if (field == null) {
            return null;
        }
        String octets = HeaderBlock.maskEncodedWords(field);
        try {
            return RawFieldParser.DEFAULT.parseRawBody(HeaderBlock.bytes(octets), new ParserCursor(0, octets.length()));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Parameters in header order, names lower-cased, values raw (encoded-words kept), UTF-8 where valid. */
    static List<NameValuePair> params(RawBody body) {
        List<NameValuePair> params = new ArrayList<>();
        for (NameValuePair pair : body.getParams()) {
            if (pair.getName() != null && !pair.getName().isEmpty()) {
                params.add(new NameValuePair(pair.getName().toLowerCase(java.util.Locale.ROOT),
                        pair.getValue() == null ? "" : HeaderBlock.fromOctets(HeaderBlock.unmaskEncodedWords(pair.getValue()))));
            }
        }
        return List.copyOf(params);
    }
}
