package io.mallard.model.ingest;

import java.util.ArrayList;
import java.util.List;

import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.stream.ParserCursor;

/**
 * Reads address headers with mime4j's lenient address parser, once for ENVELOPE (raw names,
 * RFC 3501 §7.4.2) and once decoded for the API and search.
 */
final class AddressHeaders {

    private AddressHeaders() {
    }

    static AddressList parse(String octets, boolean keepEncodedWords) {
        if (octets == null || octets.isBlank()) {
            return null;
        }
        try {
            String input = keepEncodedWords ? HeaderBlock.maskEncodedWords(octets) : octets;
            AddressList list = LenientAddressParser.DEFAULT.parseAddressList(HeaderBlock.bytes(input),
                    new ParserCursor(0, input.length()));
            return list == null || list.isEmpty() ? null : list;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String unmask(String value) {
        return value == null ? null : HeaderBlock.fromOctets(HeaderBlock.unmaskEncodedWords(value));
    }

    /** Decoded mailboxes of a header, groups flattened into their members. */
    static List<MailAddress> decoded(HeaderBlock header, String name) {
        AddressList list = parse(header.octets(name), false);
        List<MailAddress> result = new ArrayList<>();
        if (list == null) {
            return result;
        }
        for (Address address : list) {
            if (address instanceof Mailbox mailbox) {
                result.add(decoded(mailbox));
            } else if (address instanceof Group group) {
                group.getMailboxes().forEach(mailbox -> result.add(decoded(mailbox)));
            }
        }
        return result;
    }

    private static MailAddress decoded(Mailbox mailbox) {
        String name = mailbox.getName() == null || mailbox.getName().isBlank() ? null : mailbox.getName();
        String local = HeaderBlock.fromOctets(mailbox.getLocalPart());
        String domain = mailbox.getDomain();
        return new MailAddress(name == null ? null : HeaderBlock.fromOctets(name),
                domain == null || domain.isEmpty() ? local : local + "@" + HeaderBlock.fromOctets(domain));
    }
}
