package io.mallard.model.store;

import java.util.List;

/** One layer's collections, contributed as a bean so start-up creates every layer's indexes. */
public record CollectionSet(String layer, List<IndexedCollection> collections) {
}
