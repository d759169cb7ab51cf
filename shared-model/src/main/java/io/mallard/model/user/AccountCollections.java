package io.mallard.model.user;

import java.util.List;

import io.mallard.model.address.AddressStore;
import io.mallard.model.address.DomainAliasStore;
import io.mallard.model.authlog.AuthLog;
import io.mallard.model.store.IndexedCollection;

/** The collections behind accounts and logins, for the start-up call to {@code CollectionIndexes.ensure}. */
public final class AccountCollections {

    public static final List<IndexedCollection> ALL = List.of(UserStore.INDEXES, AddressStore.INDEXES,
            DomainAliasStore.INDEXES, AppPasswordStore.INDEXES, AuthLog.INDEXES, DeletedUserStore.INDEXES);

    private AccountCollections() {
    }
}
