package io.mallard.model.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mallard.model.user.AccountFixture;
import io.mallard.model.user.NewUser;
import io.mallard.model.user.User;
import io.mallard.model.user.UserSettings;

class AddressStoreTest {

    @TempDir
    static Path dataDir;

    private static AccountFixture accounts;
    private static AddressStore addresses;

    @BeforeAll
    static void open() {
        accounts = new AccountFixture(dataDir);
        addresses = accounts.addresses;
        accounts.user("taken", "Taken.Name@conflict.example");
    }

    @AfterAll
    static void close() {
        accounts.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"taken.name@conflict.example", "TAKENNAME@CONFLICT.EXAMPLE", "t.a.k.e.n.n.a.m.e@conflict.example",
            " takenname@Conflict.Example "})
    void theSameNormalizedAddressCannotBeAddedTwice(String variant) {
        User other = accounts.user("other" + Math.abs(variant.hashCode()), "other" + Math.abs(variant.hashCode()) + "@conflict.example");

        assertThatThrownBy(() -> addresses.addToUser(other.id(), variant, false, List.of()).block())
                .isInstanceOf(AddressTakenException.class);
        assertThatThrownBy(() -> addresses.addForwarded(variant, List.of("x@y.example"), 0, List.of()).block())
                .isInstanceOf(AddressTakenException.class);
    }

    @Test
    void aTaggedAddressIsADistinctEntry() {
        User user = accounts.user("tagowner", "tagowner@conflict.example");

        Address tagged = addresses.addToUser(user.id(), "taken.name+x@conflict.example", false, List.of("t")).block();

        assertThat(tagged.addrview()).isEqualTo("takenname+x@conflict.example");
        assertThat(tagged.tags()).containsExactly("t");
    }

    @Test
    void aUserWhoseMainAddressIsTakenIsNotCreated() {
        assertThatThrownBy(() -> accounts.users.create(new NewUser("loser", null, "L", "takenname@conflict.example",
                UserSettings.DEFAULTS)).block()).isInstanceOf(AddressTakenException.class);

        assertThat(accounts.users.getByUsername("loser").block()).isNull();
    }

    @Test
    void mainMovesAndTheMainAddressCannotBeDeleted() {
        User user = accounts.user("mainmover", "first@main.example");
        Address second = addresses.addToUser(user.id(), "second@main.example", false, List.of()).block();
        Address first = addresses.mainAddressOf(user.id()).block();
        assertThat(first.address()).isEqualTo("first@main.example");

        assertThatThrownBy(() -> addresses.delete(user.id(), first.id()).block()).isInstanceOf(IllegalStateException.class);

        addresses.setMain(user.id(), second.id()).block();
        assertThat(addresses.mainAddressOf(user.id()).block().id()).isEqualTo(second.id());
        assertThat(addresses.delete(user.id(), first.id()).block()).isTrue();
        assertThat(addresses.listFor(user.id()).map(Address::address).collectList().block())
                .containsExactly("second@main.example");
        assertThat(addresses.delete(user.id(), first.id()).block()).isFalse();
    }

    @Test
    void anotherUsersAddressCannotBeMadeMainOrDeleted() {
        User owner = accounts.user("owner1", "owner1@main.example");
        User stranger = accounts.user("stranger1", "stranger1@main.example");
        Address extra = addresses.addToUser(owner.id(), "extra1@main.example", false, List.of()).block();

        assertThatThrownBy(() -> addresses.setMain(stranger.id(), extra.id()).block()).isInstanceOf(IllegalArgumentException.class);
        assertThat(addresses.delete(stranger.id(), extra.id()).block()).isFalse();
    }

    @Test
    void renamingADomainMovesEveryAddressAndTheirLookups() {
        User user = accounts.user("renamed", "Boss@old.example");
        addresses.addToUser(user.id(), "sales*@old.example", false, List.of()).block();
        addresses.addForwarded("fw@old.example", List.of("x@y.example"), 0, List.of()).block();
        accounts.user("bystander", "boss@older.example");

        assertThat(addresses.renameDomain("OLD.example", "new.example").block()).isEqualTo(3);

        assertThat(addresses.listFor(user.id()).map(Address::address).collectList().block())
                .containsExactly("Boss@new.example", "sales*@new.example");
        assertThat(accounts.resolver.resolve("boss@new.example").block()).isInstanceOf(Resolution.ToUser.class);
        assertThat(accounts.resolver.resolve("fw@new.example").block()).isInstanceOf(Resolution.Forwarded.class);
        assertThat(accounts.resolver.resolve("boss@old.example").block()).isInstanceOf(Resolution.NotFound.class);
        assertThat(accounts.resolver.resolve("boss@older.example").block()).isInstanceOf(Resolution.ToUser.class);
    }

    @Test
    void aRenameThatWouldCollideStopsWithAConflict() {
        accounts.user("clasha", "clash@a.example");
        accounts.user("clashb", "clash@b.example");

        assertThatThrownBy(() -> addresses.renameDomain("a.example", "b.example").block())
                .isInstanceOf(AddressTakenException.class);
    }

    @Test
    void forwardedAddressesNeedValidTargets() {
        assertThatThrownBy(() -> addresses.addForwarded("f1@fw.example", List.of(), 0, List.of()).block())
                .isInstanceOf(InvalidAddressException.class);
        assertThatThrownBy(() -> addresses.addForwarded("f2@fw.example", List.of("not an address"), 0, List.of()).block())
                .isInstanceOf(InvalidAddressException.class);
        assertThatThrownBy(() -> addresses.addForwarded("f3@fw.example", List.of("https:///nohost"), 0, List.of()).block())
                .isInstanceOf(InvalidAddressException.class);

        Address forwarded = addresses.addForwarded("f4@fw.example", List.of("smtps://relay.example:465"), 0, List.of()).block();
        assertThat(addresses.deleteForwarded(forwarded.id()).block()).isTrue();
        assertThat(accounts.resolver.resolve("f4@fw.example").block()).isInstanceOf(Resolution.NotFound.class);
    }

    @Test
    void domainAliasesAreUniqueAndMustNameAnotherDomain() {
        accounts.aliases.add("alias.example", "real.example").block();

        assertThatThrownBy(() -> accounts.aliases.add("ALIAS.example", "other.example").block())
                .isInstanceOf(AddressTakenException.class);
        assertThatThrownBy(() -> accounts.aliases.add("same.example", "same.example").block())
                .isInstanceOf(InvalidAddressException.class);
        assertThat(accounts.aliases.list().map(DomainAlias::alias).collectList().block()).contains("alias.example");
        assertThat(accounts.aliases.delete("alias.example").block()).isTrue();
        assertThat(accounts.aliases.domainOf("alias.example").block()).isNull();
    }
}
