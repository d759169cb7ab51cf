package io.mallard.lmtp.autoreply;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import io.mallard.model.address.AddressNormalizer;
import io.mallard.model.address.InvalidAddressException;
import io.mallard.model.ingest.MailAddress;
import io.mallard.model.ingest.ParsedMessage;

/**
 * Whether a message may get an automatic reply at all (RFC 3834 §2, §5): never to the null
 * sender or a robot address, never to automatic or bulk mail or a mailing list, and only when
 * the user is named in To or Cc, so a Bcc or a list copy stays silent.
 */
final class LoopGuard {

    private static final Set<String> ROBOTS = Set.of("mailer-daemon", "postmaster", "noreply", "no-reply",
            "do-not-reply", "donotreply", "bounce", "bounces", "listserv", "majordomo");

    private LoopGuard() {
    }

    /** @param userViews the normalized views of the user's addresses */
    static boolean mayReply(String sender, ParsedMessage message, Set<String> userViews) {
        if (sender == null || sender.isBlank() || robot(sender)) {
            return false;
        }
        String autoSubmitted = message.autoSubmitted();
        if (autoSubmitted != null && !autoSubmitted.isBlank() && !autoSubmitted.trim().equals("no")) {
            return false;
        }
        String precedence = message.precedence() == null ? "" : message.precedence().trim();
        if (precedence.equals("bulk") || precedence.equals("list") || precedence.equals("junk")) {
            return false;
        }
        if (message.listUnsubscribe() != null || message.listId() != null) {
            return false;
        }
        return Stream.concat(message.to().stream(), message.cc().stream())
                .map(MailAddress::address)
                .anyMatch(address -> userViews.contains(view(address)));
    }

    private static boolean robot(String sender) {
        String local = sender.substring(0, Math.max(0, sender.lastIndexOf('@'))).toLowerCase(Locale.ROOT);
        return ROBOTS.contains(local) || local.startsWith("owner-") || local.endsWith("-request");
    }

    /** The view without a {@code +tag}, so {@code user+tag@x} counts as addressed to {@code user@x}. */
    private static String view(String address) {
        try {
            String view = AddressNormalizer.view(address);
            int at = view.lastIndexOf('@');
            return AddressNormalizer.stripTag(view.substring(0, at)) + view.substring(at);
        } catch (InvalidAddressException e) {
            return "";
        }
    }
}
