package io.mallard.model.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;

/**
 * Builds the IMAP ENVELOPE of a header block (RFC 3501 §7.4.2) as a list of strings, nulls
 * (NIL) and nested lists, ready to be stored in BSON and rendered by
 * {@link io.mallard.model.ingest.imap.ImapValueWriter}.
 */
final class EnvelopeBuilder {

    private EnvelopeBuilder() {
    }

    /** (date subject from sender reply-to to cc bcc in-reply-to message-id), header values raw. */
    static List<Object> build(HeaderBlock header) {
        List<Object> from = addresses(header, "From");
        List<Object> sender = addresses(header, "Sender");
        List<Object> replyTo = addresses(header, "Reply-To");
        // RFC 3501 §7.4.2: an absent or empty Sender or Reply-To takes the value of From.
        return Arrays.asList(
                header.value("Date"),
                header.value("Subject"),
                from,
                sender == null ? from : sender,
                replyTo == null ? from : replyTo,
                addresses(header, "To"),
                addresses(header, "Cc"),
                addresses(header, "Bcc"),
                header.value("In-Reply-To"),
                header.value("Message-ID"));
    }

    private static List<Object> addresses(HeaderBlock header, String name) {
        AddressList list = AddressHeaders.parse(header.octets(name), true);
        if (list == null) {
            return null;
        }
        List<Object> result = new ArrayList<>();
        for (Address address : list) {
            if (address instanceof Mailbox mailbox) {
                result.add(address(mailbox));
            } else if (address instanceof Group group) {
                // Group syntax: a start marker with the group name as mailbox and NIL host,
                // the members, then an end marker of four NILs.
                result.add(Arrays.asList(null, null, AddressHeaders.unmask(group.getName()), null));
                group.getMailboxes().forEach(mailbox -> result.add(address(mailbox)));
                result.add(Arrays.asList(null, null, null, null));
            }
        }
        return result.isEmpty() ? null : result;
    }

    /** (name adl mailbox host); a missing domain is "" so it cannot read as a group marker. */
    private static List<Object> address(Mailbox mailbox) {
        String name = mailbox.getName();
        String route = mailbox.getRoute() == null || mailbox.getRoute().isEmpty()
                ? null : mailbox.getRoute().toRouteString();
        String domain = mailbox.getDomain();
        return Arrays.asList(
                name == null || name.isEmpty() ? null : AddressHeaders.unmask(name),
                route == null ? null : AddressHeaders.unmask(route),
                AddressHeaders.unmask(mailbox.getLocalPart()),
                domain == null ? "" : AddressHeaders.unmask(domain));
    }
}
