package io.mallard.model.address;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns an address as a user typed it into the {@code addrview} form that the unique index and
 * every lookup use.
 *
 * <p>Rules, after WildDuck's {@code normalizeAddress}/{@code uview}: the local part is NFC
 * normalized and lowercased, the domain is lowercased. Unlike WildDuck, which stores domains in
 * Unicode, the domain is stored as ASCII punycode (IDNA2003 via {@link IDN#toASCII}) so that an
 * {@code xn--} spelling and a Unicode spelling of one domain meet in one key. Dots in the local
 * part are ignored, as WildDuck's {@code uview} does for every domain: {@code j.doe@x} and
 * {@code jdoe@x} are the same mailbox and cannot belong to two users. A {@code +tag} is kept in
 * the view so that an explicitly registered {@code a+b@x} wins over {@code a@x}; the resolver
 * strips it as a later lookup step. Quoted local parts are not supported.
 *
 * <p>Wildcards: {@code *@domain} (catch-all), {@code prefix*@domain}, {@code *suffix@domain}
 * and {@code local@*} (any domain, WildDuck's {@code postmaster@*}).
 */
public final class AddressNormalizer {

    /** WildDuck's MAX_ALLOWED_WILDCARD_LENGTH: longer partials are never generated for lookup. */
    public static final int MAX_WILDCARD_PARTIAL = 32;

    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 253;
    // RFC 5322 specials, whitespace and controls; anything else (incl. UTF-8, RFC 6531) is allowed.
    private static final Pattern FORBIDDEN_LOCAL = Pattern.compile("[\\s\\p{Cntrl}\"(),:;<>\\[\\\\\\]@]");

    private AddressNormalizer() {
    }

    /** The lookup key of a concrete (non-wildcard) address; throws for wildcards. */
    public static String view(String address) {
        String view = viewAllowingWildcards(address);
        if (view.indexOf('*') >= 0) {
            throw new InvalidAddressException(address, "wildcards are not allowed here");
        }
        return view;
    }

    /** The lookup key of an address that may be a wildcard pattern. */
    public static String viewAllowingWildcards(String address) {
        if (address == null) {
            throw new InvalidAddressException("null", "missing");
        }
        String trimmed = address.trim();
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at == trimmed.length() - 1) {
            throw new InvalidAddressException(address, "expected local@domain");
        }
        String local = localView(address, trimmed.substring(0, at));
        String domain = domain(address, trimmed.substring(at + 1));
        if ("*".equals(domain) && local.indexOf('*') >= 0) {
            throw new InvalidAddressException(address, "wildcard in both local part and domain");
        }
        return local + "@" + domain;
    }

    /** The ASCII (punycode) lowercase form of a domain, {@code *} for the any-domain wildcard. */
    public static String domain(String domain) {
        return domain(domain, domain);
    }

    /** The local part of a view without its {@code +tag}, e.g. {@code john+news} → {@code john}. */
    public static String stripTag(String localView) {
        int plus = localView.indexOf('+');
        return plus > 0 ? localView.substring(0, plus) : localView;
    }

    private static String localView(String address, String local) {
        String normalized = Normalizer.normalize(local, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        if (normalized.length() > MAX_LOCAL) {
            throw new InvalidAddressException(address, "local part longer than " + MAX_LOCAL);
        }
        if (FORBIDDEN_LOCAL.matcher(normalized).find()) {
            throw new InvalidAddressException(address, "forbidden character in local part");
        }
        int star = normalized.indexOf('*');
        if (star >= 0 && (normalized.indexOf('*', star + 1) >= 0
                || (star != 0 && star != normalized.length() - 1))) {
            throw new InvalidAddressException(address, "a wildcard must start or end the local part, once");
        }
        String view = normalized.replace(".", "");
        if (view.isEmpty()) {
            throw new InvalidAddressException(address, "empty local part");
        }
        return view;
    }

    private static String domain(String address, String domain) {
        String trimmed = domain.trim();
        if ("*".equals(trimmed)) {
            return trimmed;
        }
        String ascii;
        try {
            ascii = IDN.toASCII(trimmed, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidAddressException(address, "bad domain: " + e.getMessage());
        }
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        if (ascii.isEmpty() || ascii.length() > MAX_DOMAIN || ascii.startsWith(".") || ascii.contains("..")) {
            throw new InvalidAddressException(address, "bad domain");
        }
        return ascii;
    }
}
