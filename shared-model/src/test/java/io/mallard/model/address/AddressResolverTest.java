package io.mallard.model.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.mallard.model.user.AccountFixture;
import io.mallard.model.user.User;
import io.mallard.model.user.UserUpdate;

/**
 * One address book, resolved from many recipients. Owners are named after the address that
 * should win, so each table row says which rule it tests.
 */
class AddressResolverTest {

    @TempDir
    static Path dataDir;

    private static AccountFixture accounts;

    @BeforeAll
    static void addressBook() {
        accounts = new AccountFixture(dataDir);
        AddressStore addresses = accounts.addresses;
        accounts.user("exact", "John.Doe@example.com");
        User tagged = accounts.user("tagged", "tagged@example.com");
        addresses.addToUser(tagged.id(), "john+vip@example.com", false, List.of()).block();
        accounts.user("idn", "info@bücher.example");
        accounts.user("aliased", "ann@example.org");
        accounts.aliases.add("example.net", "example.org").block();
        accounts.user("onalias", "bob@example.net");
        accounts.user("onreal", "bob@example.org");
        User wild = accounts.user("wild", "wild@example.com");
        addresses.addToUser(wild.id(), "sales*@example.com", false, List.of()).block();
        addresses.addToUser(wild.id(), "sal*@example.com", false, List.of()).block();
        addresses.addToUser(wild.id(), "*desk@example.com", false, List.of()).block();
        addresses.addToUser(wild.id(), "*@example.org", false, List.of()).block();
        addresses.addToUser(wild.id(), "help*@example.org", false, List.of()).block();
        User catchAll = accounts.user("catchall", "catchall@example.com");
        addresses.addToUser(catchAll.id(), "*@example.com", false, List.of()).block();
        User anyDomain = accounts.user("anydomain", "anydomain@example.com");
        addresses.addToUser(anyDomain.id(), "postmaster@*", false, List.of()).block();
        addresses.addForwarded("fwd@example.com", List.of("someone@elsewhere.example", "smtp://mx.example:25",
                "https://hooks.example/mail"), 100, List.of()).block();
        User off = accounts.user("off", "off@example.com");
        accounts.users.update(off.id(), UserUpdate.NONE.withDisabled(true)).block();
    }

    @AfterAll
    static void close() {
        accounts.close();
    }

    @ParameterizedTest(name = "{0} → {1} by {2}")
    @CsvSource(delimiter = '|', textBlock = """
            john.doe@example.com         | exact    | EXACT
            JOHNDOE@EXAMPLE.COM          | exact    | EXACT
            j.o.h.n.d.o.e@example.com    | exact    | EXACT
            johndoe+news@example.com     | exact    | TAG_STRIPPED
            john+vip@example.com         | tagged   | EXACT
            info@xn--bcher-kva.example   | idn      | EXACT
            info@BÜCHER.example          | idn      | EXACT
            ann@example.net              | aliased  | DOMAIN_ALIAS
            ann+x@example.net            | aliased  | TAG_STRIPPED
            bob@example.net              | onalias  | EXACT
            bob@example.org              | onreal   | EXACT
            salesteam@example.com        | wild     | WILDCARD
            sally@example.com            | wild     | WILDCARD
            help.desk@example.com        | wild     | WILDCARD
            nobody@example.net           | wild     | CATCH_ALL
            helpme@example.net           | wild     | WILDCARD
            nobody@example.com           | catchall | CATCH_ALL
            postmaster@example.com       | catchall | CATCH_ALL
            postmaster@unknown.example   | anydomain| CATCH_ALL
            off@example.com              | off      | EXACT
            """)
    void resolvesToTheUserOfTheMostSpecificMatch(String rcpt, String owner, Resolution.Match match) {
        Resolution resolution = accounts.resolver.resolve(rcpt).block();

        assertThat(resolution).isInstanceOf(Resolution.ToUser.class);
        Resolution.ToUser toUser = (Resolution.ToUser) resolution;
        assertThat(accounts.users.get(toUser.user()).block().username()).isEqualTo(owner);
        assertThat(toUser.match()).isEqualTo(match);
        assertThat(toUser.userDisabled()).isEqualTo("off".equals(owner));
    }

    @Test
    void theLongerWildcardWinsOverTheShorterOne() {
        Resolution.ToUser toUser = (Resolution.ToUser) accounts.resolver.resolve("salesforce@example.com").block();

        assertThat(toUser.address().addrview()).isEqualTo("sales*@example.com");
    }

    @Test
    void aForwardedAddressResolvesToItsTargets() {
        Resolution resolution = accounts.resolver.resolve("F.W.D+tag@Example.com").block();

        assertThat(resolution).isInstanceOf(Resolution.Forwarded.class);
        Resolution.Forwarded forwarded = (Resolution.Forwarded) resolution;
        assertThat(forwarded.match()).isEqualTo(Resolution.Match.TAG_STRIPPED);
        assertThat(forwarded.targets()).extracting(ForwardTarget::kind)
                .containsExactly(ForwardTarget.Kind.MAIL, ForwardTarget.Kind.RELAY, ForwardTarget.Kind.HTTP);
        assertThat(forwarded.address().forwardsPerDay()).isEqualTo(100);
    }

    @Test
    void anAddressOnAnUnknownDomainWithoutAnyDomainEntryIsNotFound() {
        assertThat(accounts.resolver.resolve("someone@unknown.example").block()).isInstanceOf(Resolution.NotFound.class);
    }

    @Test
    void loginResolutionIgnoresWildcardsAndCatchAlls() {
        assertThat(accounts.resolver.resolveForLogin("salesteam@example.com").block()).isInstanceOf(Resolution.NotFound.class);
        assertThat(accounts.resolver.resolveForLogin("ann@example.net").block()).isInstanceOf(Resolution.ToUser.class);
    }
}
