package io.mallard.model.address;

import java.net.URI;
import java.util.Locale;

import org.bson.Document;

/**
 * Where a forwarded address sends mail, in WildDuck's three kinds: another mail address, an SMTP
 * relay ({@code smtp://host:port}, {@code smtps://...}) or an HTTP endpoint that receives the
 * raw message by POST.
 */
public record ForwardTarget(Kind kind, String value) {

    public enum Kind { MAIL, RELAY, HTTP }

    /** Classifies and validates one target as given in the API. */
    public static ForwardTarget parse(String target) {
        String trimmed = target == null ? "" : target.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("smtp://") || lower.startsWith("smtps://")) {
            return new ForwardTarget(Kind.RELAY, checkedUri(trimmed));
        }
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return new ForwardTarget(Kind.HTTP, checkedUri(trimmed));
        }
        // Validate like any stored address, but forward to it exactly as written.
        AddressNormalizer.view(trimmed);
        return new ForwardTarget(Kind.MAIL, trimmed);
    }

    Document toDocument() {
        return new Document("type", kind.name().toLowerCase(Locale.ROOT)).append("value", value);
    }

    static ForwardTarget fromDocument(Document document) {
        return new ForwardTarget(Kind.valueOf(document.getString("type").toUpperCase(Locale.ROOT)),
                document.getString("value"));
    }

    private static String checkedUri(String target) {
        try {
            URI uri = URI.create(target);
            if (uri.getHost() == null) {
                throw new InvalidAddressException(target, "forward target without host");
            }
            return target;
        } catch (IllegalArgumentException e) {
            throw new InvalidAddressException(target, "bad forward target URL");
        }
    }
}
