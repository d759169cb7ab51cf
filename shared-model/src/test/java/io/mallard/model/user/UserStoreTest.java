package io.mallard.model.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.model.Filters;

import io.mallard.model.address.Address;
import io.mallard.model.address.Resolution;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class UserStoreTest {

    @TempDir
    static Path dataDir;

    private static AccountFixture accounts;
    private static UserStore users;

    @BeforeAll
    static void open() {
        accounts = new AccountFixture(dataDir);
        users = accounts.users;
    }

    @AfterAll
    static void close() {
        accounts.close();
    }

    @Test
    void createsAUserWithItsMainAddressAndTheMailstoreContractFields() {
        UserSettings settings = UserSettings.DEFAULTS.withQuota(1L << 30)
                .withLimits(new UserLimits(15, 10, 2000, 500))
                .withTags(List.of("Staff", "eu"))
                .withDisabledScopes(Set.of(Scope.POP3));

        User user = users.create(new NewUser("  Alice.Smith ", "pw-alice", "Alice Smith", "Alice@Example.com", settings)).block();

        assertThat(user.username()).isEqualTo("alice.smith");
        assertThat(user.quota()).isEqualTo(1L << 30);
        assertThat(user.storageUsed()).isZero();
        assertThat(user.limits()).isEqualTo(new UserLimits(15, 10, 2000, 500));
        assertThat(user.disabledScopes()).containsExactly(Scope.POP3);
        assertThat(users.get(user.id()).block()).isEqualTo(user);
        assertThat(users.getByUsername("ALICE.SMITH").block().id()).isEqualTo(user.id());
        Address main = accounts.addresses.mainAddressOf(user.id()).block();
        assertThat(main.address()).isEqualTo("Alice@Example.com");

        Document stored = Mono.from(accounts.stores.mongo().database().getCollection(UserStore.COLLECTION)
                .find(Filters.eq("_id", user.id())).first()).block();
        assertThat(stored.getString("username")).isEqualTo("alice.smith");
        assertThat(stored.get("quota")).isEqualTo(1L << 30);
        assertThat(stored.get("storageUsed")).isEqualTo(0L);
        assertThat(stored.getString("password")).startsWith("{argon2}$argon2id$");
    }

    @Test
    void usernamesAreUniqueAfterNormalization() {
        accounts.user("bob", "bob@example.com");

        assertThatThrownBy(() -> users.create(new NewUser(" BOB ", null, "Bob 2", "bob2@example.com", UserSettings.DEFAULTS)).block())
                .isInstanceOf(UsernameTakenException.class);
        assertThat(accounts.resolver.resolve("bob2@example.com").block())
                .isInstanceOf(Resolution.NotFound.class);
    }

    @Test
    void ofConcurrentCreatesOfOneUsernameExactlyOneWins() {
        List<Boolean> outcomes = Flux.range(0, 4)
                .flatMap(i -> users.create(new NewUser("racer", null, "R", "racer" + i + "@example.com", UserSettings.DEFAULTS))
                        .map(created -> true)
                        .onErrorResume(UsernameTakenException.class, taken -> Mono.just(false)))
                .collectList().block();

        assertThat(outcomes).containsOnlyOnce(true);
        assertThat(users.list(new UserQuery("racer", List.of()), null, 10).block().users()).hasSize(1);
    }

    @Test
    void invalidInputIsRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> users.create(new NewUser("bad name", null, "x", "x@example.com", UserSettings.DEFAULTS)).block())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> users.create(new NewUser("goodname", null, "x", "not-an-address", UserSettings.DEFAULTS)).block())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(users.getByUsername("goodname").block()).isNull();
    }

    @Test
    void updatesOnlyTheGivenFields() {
        User user = accounts.user("carol", "carol@example.com");

        User updated = users.update(user.id(), UserUpdate.NONE.withName("Carol C").withQuota(5000).withSpamLevel(80)
                .withTags(List.of("VIP")).withDisabled(true)).block();

        assertThat(updated.name()).isEqualTo("Carol C");
        assertThat(updated.quota()).isEqualTo(5000);
        assertThat(updated.spamLevel()).isEqualTo(80);
        assertThat(updated.tags()).containsExactly("VIP");
        assertThat(updated.disabled()).isTrue();
        assertThat(updated.limits()).isEqualTo(user.limits());
        assertThat(users.disabled(user.id()).block()).isTrue();
        assertThatThrownBy(() -> users.update(user.id(), UserUpdate.NONE.withSpamLevel(101)).block())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(users.update(new ObjectId(), UserUpdate.NONE.withName("x")).block()).isNull();
    }

    @Test
    void listsByTextAndTagsWithCursorPaging() {
        for (int i = 0; i < 5; i++) {
            User user = accounts.user("page" + i, "page" + i + "@paging.example");
            if (i % 2 == 0) {
                users.update(user.id(), UserUpdate.NONE.withTags(List.of("Even"))).block();
            }
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            UserPage page = users.list(new UserQuery("PAGE", List.of()), cursor, 2).block();
            page.users().forEach(user -> seen.add(user.username()));
            cursor = page.next();
            pages++;
        } while (cursor != null);

        assertThat(seen).containsExactly("page0", "page1", "page2", "page3", "page4");
        assertThat(pages).isEqualTo(3);
        assertThat(users.list(new UserQuery(null, List.of("even")), null, 10).block().users())
                .extracting(User::username).containsExactly("page0", "page2", "page4");
        assertThat(users.list(new UserQuery("a.b(", List.of()), null, 10).block().users()).isEmpty();
        assertThatThrownBy(() -> users.list(UserQuery.ALL, "not-a-cursor", 10).block()).isInstanceOf(IllegalArgumentException.class);
    }
}
