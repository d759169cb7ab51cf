package io.mallard.model.address;

import java.util.Date;
import java.util.List;

import org.bson.Document;

/** Maps {@link Address} to and from its {@code addresses} document. */
final class AddressDocument {

    static final String ID = "_id";
    static final String USER = "user";
    static final String ADDRESS = "address";
    static final String ADDRVIEW = "addrview";
    static final String MAIN = "main";
    static final String TAGS = "tags";
    static final String TARGETS = "targets";
    static final String FORWARDS = "forwards";
    static final String CREATED = "created";

    private AddressDocument() {
    }

    static Document toDocument(Address address) {
        Document document = new Document(ID, address.id())
                .append(ADDRESS, address.address())
                .append(ADDRVIEW, address.addrview())
                .append(MAIN, address.main())
                .append(TAGS, address.tags())
                .append(CREATED, Date.from(address.created()));
        // Forwarded addresses have no user field at all, as in WildDuck, so {user: id} never matches them.
        if (address.forwarded()) {
            document.append(TARGETS, address.targets().stream().map(ForwardTarget::toDocument).toList())
                    .append(FORWARDS, address.forwardsPerDay());
        } else {
            document.append(USER, address.user());
        }
        return document;
    }

    static Address fromDocument(Document document) {
        List<ForwardTarget> targets = document.getList(TARGETS, Document.class, List.of()).stream()
                .map(ForwardTarget::fromDocument)
                .toList();
        return new Address(document.getObjectId(ID), document.getObjectId(USER), document.getString(ADDRESS),
                document.getString(ADDRVIEW), document.getBoolean(MAIN, false),
                document.getList(TAGS, String.class, List.of()), targets,
                document.getInteger(FORWARDS, 0), document.getDate(CREATED).toInstant());
    }
}
