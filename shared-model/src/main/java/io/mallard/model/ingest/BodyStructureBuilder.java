package io.mallard.model.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;

/**
 * Builds the extended IMAP BODYSTRUCTURE (RFC 3501 §7.4.2, body-ext-1part / body-ext-mpart) as
 * nested lists of strings, numbers and nulls (NIL).
 */
final class BodyStructureBuilder {

    private static final List<Object> EMPTY_BODY = Arrays.asList("text", "plain", List.of("charset", "us-ascii"),
            null, null, "7bit", 0L, 0L, null, null, null, null);

    private final byte[] raw;

    BodyStructureBuilder(byte[] raw) {
        this.raw = raw;
    }

    List<Object> build(Entity entity) {
        List<Object> result = new ArrayList<>();
        if (entity.isMultipart()) {
            // body-type-mpart: the parts, the subtype, then body-ext-mpart.
            entity.children().forEach(child -> result.add(build(child)));
            result.add(entity.subtype());
            result.add(paramList(entity.params()));
        } else {
            boolean message = entity.type().equals("message") && entity.subtype().equals("rfc822");
            boolean text = entity.type().equals("text");
            result.add(entity.type());
            result.add(entity.subtype());
            result.add(paramList(text ? withCharset(entity.params()) : entity.params()));
            result.add(entity.header().value("Content-ID"));
            result.add(entity.header().value("Content-Description"));
            String encoding = entity.header().value("Content-Transfer-Encoding");
            result.add(encoding == null || encoding.isEmpty() ? "7bit" : encoding);
            result.add((long) entity.bodySize());
            if (message && entity.isMessage()) {
                result.add(EnvelopeBuilder.build(entity.message().header()));
                result.add(build(entity.message()));
                result.add(lines(entity.bodyStart(), entity.end()));
            } else if (message) {
                // A transfer-encoded message/rfc822 cannot be opened in place (RFC 2046 §5.2.1
                // forbids the encoding); body-type-msg still needs an envelope and a body, so
                // give empty ones, as Dovecot does.
                result.add(EnvelopeBuilder.build(HeaderBlock.EMPTY));
                result.add(EMPTY_BODY);
                result.add(lines(entity.bodyStart(), entity.end()));
            } else if (text) {
                result.add(lines(entity.bodyStart(), entity.end()));
            }
            result.add(entity.header().value("Content-MD5"));
        }
        result.add(disposition(entity.header()));
        result.add(languages(entity.header().value("Content-Language")));
        result.add(entity.header().value("Content-Location"));
        return result;
    }

    /**
     * Text lines of a body (RFC 3501 body-fld-lines): its line breaks. A last line without one
     * is not counted, as Dovecot does not; the break before a boundary belongs to the boundary.
     */
    long lines(int from, int to) {
        long lines = 0;
        for (int i = from; i < to; i++) {
            if (raw[i] == '\n') {
                lines++;
            }
        }
        return lines;
    }

    /** body-fld-param: ("name" "value" ...) or NIL when there are none. */
    static List<Object> paramList(List<NameValuePair> params) {
        if (params.isEmpty()) {
            return null;
        }
        List<Object> list = new ArrayList<>();
        for (NameValuePair pair : params) {
            list.add(pair.getName());
            list.add(pair.getValue());
        }
        return list;
    }

    /** RFC 2045 §5.2: text without a charset parameter is us-ascii; say so, as Dovecot does. */
    private static List<NameValuePair> withCharset(List<NameValuePair> params) {
        for (NameValuePair pair : params) {
            if (pair.getName().equals("charset")) {
                return params;
            }
        }
        List<NameValuePair> withDefault = new ArrayList<>();
        withDefault.add(new NameValuePair("charset", "us-ascii"));
        withDefault.addAll(params);
        return withDefault;
    }

    /** body-fld-dsp: ("type" (params)) or NIL. */
    private static List<Object> disposition(HeaderBlock header) {
        RawBody body = MimeParams.parse(header, "Content-Disposition");
        if (body == null || body.getValue() == null || body.getValue().isBlank()) {
            return null;
        }
        return Arrays.asList(body.getValue().strip(), paramList(MimeParams.params(body)));
    }

    /** body-fld-lang: the RFC 3282 language tags as a list, or NIL. */
    private static List<Object> languages(String value) {
        if (value == null) {
            return null;
        }
        List<Object> tags = new ArrayList<>();
        for (String tag : value.split(",")) {
            if (!tag.isBlank()) {
                tags.add(tag.strip());
            }
        }
        return tags.isEmpty() ? null : tags;
    }
}
