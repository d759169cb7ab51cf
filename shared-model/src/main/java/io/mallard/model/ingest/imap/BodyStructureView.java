package io.mallard.model.ingest.imap;

import java.util.ArrayList;
import java.util.List;

/**
 * Derives FETCH BODY from the stored extended BODYSTRUCTURE: RFC 3501 §7.4.2 defines BODY as
 * the same structure without extension data, so it need not be stored twice.
 */
public final class BodyStructureView {

    /** Fields of body-type-basic up to body-fld-octets: type, subtype, params, id, desc, enc, size. */
    private static final int BASIC_FIELDS = 7;

    private BodyStructureView() {
    }

    public static List<Object> withoutExtensions(List<?> structure) {
        List<Object> body = new ArrayList<>();
        if (!structure.isEmpty() && structure.get(0) instanceof List<?>) {
            // body-type-mpart: the parts, then the subtype; drop body-ext-mpart.
            int at = 0;
            while (at < structure.size() && structure.get(at) instanceof List<?> part) {
                body.add(withoutExtensions(part));
                at++;
            }
            body.add(structure.get(at));
            return body;
        }
        body.addAll(structure.subList(0, Math.min(BASIC_FIELDS, structure.size())));
        String type = String.valueOf(structure.get(0));
        String subtype = String.valueOf(structure.get(1));
        if (type.equalsIgnoreCase("message") && subtype.equalsIgnoreCase("rfc822")) {
            // body-type-msg: envelope, body, lines.
            body.add(structure.get(BASIC_FIELDS));
            body.add(withoutExtensions((List<?>) structure.get(BASIC_FIELDS + 1)));
            body.add(structure.get(BASIC_FIELDS + 2));
        } else if (type.equalsIgnoreCase("text")) {
            body.add(structure.get(BASIC_FIELDS)); // body-fld-lines
        }
        return body;
    }
}
