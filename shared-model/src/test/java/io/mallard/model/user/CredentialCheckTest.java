package io.mallard.model.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.model.Filters;

import io.mallard.model.authlog.AuthEvent;
import io.mallard.model.authlog.AuthLog;
import io.mallard.model.authlog.AuthOutcome;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class CredentialCheckTest {

    private static final String IP = "192.0.2.7";

    @TempDir
    static Path dataDir;

    private static AccountFixture accounts;
    private static CredentialCheck check;

    @BeforeAll
    static void open() {
        accounts = new AccountFixture(dataDir);
        check = accounts.credentials;
    }

    @AfterAll
    static void close() {
        accounts.close();
    }

    private static User create(String username, String password, UserSettings settings) {
        return accounts.users.create(new NewUser(username, password, username, username + "@auth.example", settings)).block();
    }

    private static AuthResult login(String login, String password, Scope scope) {
        return login(login, password, scope, IP);
    }

    private static AuthResult login(String login, String password, Scope scope, String ip) {
        return check.authenticate(login, password, scope, ip).block();
    }

    /** TOTP on, confirmed with the current step's code; returns the seed. */
    static String enableTotp(User user) {
        TotpSetup setup = accounts.totp.setup(user.id(), "Mallard", user.username()).block();
        assertThat(accounts.totp.enable(user.id(), TotpCodes.code(setup.seed(), Instant.now())).block()).isTrue();
        return setup.seed();
    }

    @Test
    void theMasterPasswordOpensEveryScopeByUsernameOrAddress() {
        User erin = create("erin", "erin-master-pw", UserSettings.DEFAULTS);

        AuthResult byName = login("ERIN", "erin-master-pw", Scope.IMAP);
        AuthResult byAddress = login("Erin@Auth.Example", "erin-master-pw", Scope.POP3);
        AuthResult api = login("erin", "erin-master-pw", Scope.MASTER);

        assertThat(List.of(byName, byAddress, api)).allSatisfy(result -> {
            assertThat(result.outcome()).isEqualTo(AuthOutcome.SUCCESS);
            assertThat(result.user()).isEqualTo(erin.id());
            assertThat(result.credential()).isEqualTo(AuthResult.Credential.MASTER);
            assertThat(result.requiresTwoFactor()).isFalse();
        });
        assertThat(login("erin", "erin-master-PW", Scope.IMAP).outcome()).isEqualTo(AuthOutcome.WRONG_PASSWORD);
    }

    @Test
    void everyAttemptIsLoggedWithItsOutcome() {
        User logged = create("logged", "logged-pw", UserSettings.DEFAULTS);
        Instant before = Instant.now().minusSeconds(1);

        login("logged", "logged-pw", Scope.IMAP);
        login("logged@auth.example", "nope", Scope.SMTP);

        List<AuthEvent> events = accounts.authLog.forUser(logged.id(), before, Instant.now().plusSeconds(1), 10)
                .collectList().block();
        assertThat(events).extracting(AuthEvent::result).containsExactly(AuthOutcome.WRONG_PASSWORD, AuthOutcome.SUCCESS);
        AuthEvent failure = events.get(0);
        assertThat(failure.username()).isEqualTo("logged@auth.example");
        assertThat(failure.ip()).isEqualTo(IP);
        assertThat(failure.scope()).isEqualTo("smtp");
        assertThat(failure.credential()).isNull();
        assertThat(events.get(1).credential()).isEqualTo("master");
        assertThat(Duration.between(failure.created(), failure.expiresAt())).isEqualTo(AuthLog.DEFAULT_RETENTION);
    }

    @Test
    void aLoginsNextStepGetsTheResultAndItsAnswerComesOnceTheAttemptIsLogged() {
        User grace = create("grace", "grace-pw", UserSettings.DEFAULTS);
        Instant before = Instant.now().minusSeconds(1);

        List<String> answers = new ArrayList<>();
        for (String password : List.of("grace-pw", "wrong-pw")) {
            answers.add(check.authenticate("grace", password, Scope.POP3, IP, new Steps(user -> Mono.just("early")))
                    // what the log holds at the moment the answer comes
                    .flatMap(outcome -> accounts.authLog.forUser(grace.id(), before, Instant.now().plusSeconds(1), 10)
                            .count().map(logged -> outcome + " " + logged))
                    .block());
        }

        assertThat(answers).containsExactly("SUCCESS early 1", "WRONG_PASSWORD 2");
    }

    @Test
    void earlyWorkStartsOnlyForAKnownAccountThatIsNotLockedOut() {
        User heidi = create("heidi", "heidi-pw", UserSettings.DEFAULTS);
        List<ObjectId> started = Collections.synchronizedList(new ArrayList<>());
        Steps steps = new Steps(user -> Mono.fromCallable(() -> {
            started.add(user);
            return "early";
        }));

        assertThat(check.authenticate("heidi", "heidi-pw", Scope.POP3, IP, steps).block()).isEqualTo("SUCCESS early");
        assertThat(check.authenticate("nobody-here", "heidi-pw", Scope.POP3, IP, steps).block()).isEqualTo("UNKNOWN_USER");
        for (int i = 0; i < 20; i++) {
            check.authenticate("heidi", "wrong-pw", Scope.POP3, "192.0.2.77", steps).block();
        }
        int beforeLockout = started.size();
        String locked = check.authenticate("heidi", "heidi-pw", Scope.POP3, "192.0.2.77", steps).block();

        assertThat(locked).isEqualTo("LOCKED");
        assertThat(started).hasSize(beforeLockout).allMatch(heidi.id()::equals);
    }

    @Test
    void aFailedLoginIsAnsweredWithoutWaitingForItsEarlyWork() {
        create("ivan", "ivan-pw", UserSettings.DEFAULTS);

        String answer = check.authenticate("ivan", "wrong-pw", Scope.POP3, IP, new Steps(user -> Mono.never()))
                .block(Duration.ofSeconds(30));

        assertThat(answer).isEqualTo("WRONG_PASSWORD");
    }

    /** Answers the outcome's name, followed by what the early step produced when the login succeeded. */
    private record Steps(Function<ObjectId, Mono<String>> earlyStep) implements CredentialCheck.FollowUp<String, String> {

        @Override
        public Mono<String> early(ObjectId user) {
            return earlyStep.apply(user);
        }

        @Override
        public Mono<String> next(AuthResult result, Mono<String> early) {
            String outcome = result.outcome().name();
            return result.success() ? early.map(value -> outcome + " " + value) : Mono.just(outcome);
        }

        @Override
        public Mono<Void> undo(String done) {
            return Mono.empty();
        }
    }

    @Test
    void anUnknownUserCostsExactlyOneVerificationLikeAWrongPassword() {
        create("known", "known-pw", UserSettings.DEFAULTS);

        long start = accounts.hasher.verifications();
        AuthResult wrong = login("known", "wrong-pw", Scope.IMAP);
        long afterWrong = accounts.hasher.verifications();
        AuthResult unknownName = login("nosuchuser", "wrong-pw", Scope.IMAP);
        long afterUnknownName = accounts.hasher.verifications();
        AuthResult unknownAddress = login("nobody@nowhere.example", "wrong-pw", Scope.IMAP);
        AuthResult invalidName = login("not valid!", "wrong-pw", Scope.IMAP);
        long end = accounts.hasher.verifications();

        assertThat(wrong.outcome()).isEqualTo(AuthOutcome.WRONG_PASSWORD);
        assertThat(List.of(unknownName, unknownAddress, invalidName)).extracting(AuthResult::outcome)
                .containsOnly(AuthOutcome.UNKNOWN_USER);
        assertThat(afterWrong - start).isEqualTo(1);
        assertThat(afterUnknownName - afterWrong).isEqualTo(1);
        assertThat(end - afterUnknownName).isEqualTo(2);
        long logged = Mono.from(accounts.stores.mongo().database().getCollection(AuthLog.COLLECTION)
                .countDocuments(Filters.and(Filters.eq("username", "nosuchuser"), Filters.eq("result", "unknown_user"))))
                .block();
        assertThat(logged).isEqualTo(1);
    }

    @Test
    void withTwoFactorTheMasterPasswordOpensOnlyTheApiAndOnlyWithAFreshCode() {
        User frank = create("frank", "frank-pw", UserSettings.DEFAULTS);
        String seed = enableTotp(frank);
        CreatedAppPassword asp = accounts.appPasswords.create(frank.id(), "phone", Set.of(Scope.IMAP), null).block();

        assertThat(login("frank", "frank-pw", Scope.IMAP).outcome()).isEqualTo(AuthOutcome.APP_PASSWORD_REQUIRED);
        assertThat(login("frank", "frank-pw", Scope.POP3).outcome()).isEqualTo(AuthOutcome.APP_PASSWORD_REQUIRED);
        AuthResult api = login("frank", "frank-pw", Scope.MASTER);
        assertThat(api.outcome()).isEqualTo(AuthOutcome.SUCCESS);
        assertThat(api.requiresTwoFactor()).isTrue();
        AuthResult imap = login("frank", asp.password(), Scope.IMAP);
        assertThat(imap.outcome()).isEqualTo(AuthOutcome.SUCCESS);
        assertThat(imap.credential()).isEqualTo(AuthResult.Credential.APP_PASSWORD);
        assertThat(imap.requiresTwoFactor()).isFalse();

        // The enabling code used this step: the next step's code is the fresh one.
        String code = TotpCodes.code(seed, Instant.now().plusSeconds(30));
        AuthResult withCode = check.authenticate("frank", "frank-pw", code, Scope.MASTER, IP).block();
        assertThat(withCode.outcome()).isEqualTo(AuthOutcome.SUCCESS);
        assertThat(withCode.requiresTwoFactor()).isFalse();
        assertThat(check.authenticate("frank", "frank-pw", code, Scope.MASTER, IP).block().outcome())
                .as("the same code again").isEqualTo(AuthOutcome.WRONG_TOTP);
        assertThat(check.authenticate("frank", "wrong-pw", code, Scope.MASTER, IP).block().outcome())
                .isEqualTo(AuthOutcome.WRONG_PASSWORD);
    }

    @Test
    void aUsernameAndItsAddressShareOneWindowAndUnknownNamesAreCountedByName() {
        create("lena", "lena-pw", UserSettings.DEFAULTS);
        String ip = "198.51.100.21";
        for (int i = 0; i < 6; i++) {
            assertThat(login("lena", "wrong", Scope.IMAP, ip).outcome()).isEqualTo(AuthOutcome.WRONG_PASSWORD);
            assertThat(login("Lena@Auth.Example", "wrong", Scope.POP3, ip).outcome()).isEqualTo(AuthOutcome.WRONG_PASSWORD);
        }
        long before = accounts.hasher.verifications();
        AuthResult locked = login("lena", "lena-pw", Scope.IMAP, ip);
        assertThat(locked.outcome()).isEqualTo(AuthOutcome.LOCKED);
        assertThat(locked.lockedFor()).isPositive();
        assertThat(login("lena@auth.example", "lena-pw", Scope.MASTER, ip).outcome()).isEqualTo(AuthOutcome.LOCKED);
        assertThat(accounts.hasher.verifications()).as("a locked attempt verifies nothing").isEqualTo(before);

        for (int i = 0; i < 12; i++) {
            assertThat(login("ghost", "wrong", Scope.IMAP, ip).outcome()).isEqualTo(AuthOutcome.UNKNOWN_USER);
        }
        assertThat(login("ghost", "wrong", Scope.IMAP, ip).outcome()).isEqualTo(AuthOutcome.LOCKED);
        assertThat(login("ghost@auth.example", "wrong", Scope.IMAP, ip).outcome()).isEqualTo(AuthOutcome.UNKNOWN_USER);
    }

    @Test
    void aLockoutIsLoggedOncePerClientAddress() {
        User max = create("max", "max-pw", UserSettings.DEFAULTS);
        Instant before = Instant.now().minusSeconds(1);
        for (int i = 0; i < 12; i++) {
            login("max", "wrong", Scope.IMAP, "198.51.100.31");
        }
        for (int i = 0; i < 3; i++) {
            assertThat(login("max", "max-pw", Scope.IMAP, "198.51.100.31").outcome()).isEqualTo(AuthOutcome.LOCKED);
        }
        assertThat(login("max", "max-pw", Scope.POP3, "198.51.100.32").outcome()).isEqualTo(AuthOutcome.LOCKED);

        List<AuthEvent> locked = accounts.authLog.forUser(max.id(), before, Instant.now().plusSeconds(1), 100)
                .filter(event -> event.result() == AuthOutcome.LOCKED).collectList().block();
        assertThat(locked).extracting(AuthEvent::ip).containsExactlyInAnyOrder("198.51.100.31", "198.51.100.32");
        assertThat(locked).extracting(AuthEvent::scope).containsExactlyInAnyOrder("imap", "pop3");
    }

    @Test
    void applicationPasswordsWorkOnlyWithinTheirScopesAndNeverForTheApi() {
        User gus = create("gus", "gus-pw", UserSettings.DEFAULTS);
        CreatedAppPassword imapOnly = accounts.appPasswords.create(gus.id(), "mail app", Set.of(Scope.IMAP), null).block();
        CreatedAppPassword all = accounts.appPasswords.create(gus.id(), "all", Set.of(Scope.IMAP, Scope.POP3, Scope.SMTP), null)
                .block();
        String typed = imapOnly.password().toUpperCase().replaceAll("(.{4})", "$1 ").trim();

        assertThat(imapOnly.password()).matches("[a-z]{16}");
        AuthResult imap = login("gus", typed, Scope.IMAP);
        assertThat(imap.outcome()).isEqualTo(AuthOutcome.SUCCESS);
        assertThat(imap.appPassword()).isEqualTo(imapOnly.appPassword().id());
        AuthResult pop3 = login("gus", imapOnly.password(), Scope.POP3);
        assertThat(pop3.outcome()).isEqualTo(AuthOutcome.SCOPE_DENIED);
        assertThat(pop3.appPassword()).isEqualTo(imapOnly.appPassword().id());
        assertThat(login("gus", imapOnly.password(), Scope.MASTER).outcome()).isEqualTo(AuthOutcome.WRONG_PASSWORD);
        assertThat(login("gus", all.password(), Scope.SMTP).outcome()).isEqualTo(AuthOutcome.SUCCESS);

        List<AppPassword> listed = accounts.appPasswords.list(gus.id()).collectList().block();
        assertThat(listed).extracting(AppPassword::description).containsExactly("mail app", "all");
        assertThat(listed.get(0).lastUse()).isNotNull();
        assertThat(listed.get(1).scopes()).containsExactlyInAnyOrder(Scope.IMAP, Scope.POP3, Scope.SMTP);
        Document stored = Mono.from(accounts.stores.mongo().database().getCollection(AppPasswordStore.COLLECTION)
                .find(Filters.eq("_id", all.appPassword().id())).first()).block();
        assertThat(stored.getList("scopes", String.class)).containsExactly("*");
        assertThat(stored.getString("password")).startsWith("{argon2}").doesNotContain(all.password());

        assertThat(accounts.appPasswords.delete(gus.id(), imapOnly.appPassword().id()).block()).isTrue();
        assertThat(login("gus", imapOnly.password(), Scope.IMAP).outcome()).isEqualTo(AuthOutcome.WRONG_PASSWORD);
        assertThatThrownBy(() -> accounts.appPasswords.create(gus.id(), "api", Set.of(Scope.MASTER), null).block())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aUserHasAtMostFiftyApplicationPasswords() {
        User many = create("many", null, UserSettings.DEFAULTS);
        Flux.range(0, AppPasswordStore.MAX_PER_USER)
                .concatMap(i -> accounts.appPasswords.create(many.id(), "app " + i, Set.of(Scope.IMAP), null))
                .blockLast();

        assertThatThrownBy(() -> accounts.appPasswords.create(many.id(), "one too many", Set.of(Scope.IMAP), null).block())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anExpiredApplicationPasswordNoLongerWorksEvenBeforeTheSweeperRemovesIt() throws InterruptedException {
        User hal = create("hal", "hal-pw", UserSettings.DEFAULTS);
        CreatedAppPassword brief = accounts.appPasswords.create(hal.id(), "brief", Set.of(Scope.IMAP), Duration.ofMillis(50))
                .block();
        assertThat(brief.appPassword().expiresAt()).isNotNull();

        Thread.sleep(100);

        assertThat(login("hal", brief.password(), Scope.IMAP).outcome()).isEqualTo(AuthOutcome.WRONG_PASSWORD);
        assertThat(accounts.appPasswords.list(hal.id()).collectList().block()).isEmpty();
    }

    @Test
    void disabledUsersAndDisabledScopesAreRefusedOnlyAfterTheRightPassword() {
        User ivy = create("ivy", "ivy-pw", UserSettings.DEFAULTS.withDisabled(true));
        create("jack", "jack-pw", UserSettings.DEFAULTS.withDisabledScopes(Set.of(Scope.POP3)));

        assertThat(login("ivy", "ivy-pw", Scope.IMAP).outcome()).isEqualTo(AuthOutcome.USER_DISABLED);
        assertThat(login("ivy", "wrong", Scope.IMAP).outcome()).isEqualTo(AuthOutcome.WRONG_PASSWORD);
        assertThat(login("jack", "jack-pw", Scope.POP3).outcome()).isEqualTo(AuthOutcome.SCOPE_DENIED);
        assertThat(login("jack", "jack-pw", Scope.IMAP).outcome()).isEqualTo(AuthOutcome.SUCCESS);
        assertThat(ivy.disabled()).isTrue();
    }

    @Test
    void anImportedHashIsReplacedByArgon2AfterTheFirstSuccessfulLogin() {
        User kim = create("kim", null, UserSettings.DEFAULTS);
        assertThat(login("kim", "", Scope.IMAP).outcome()).as("no password set").isEqualTo(AuthOutcome.WRONG_PASSWORD);
        // python3 -c "import crypt; print(crypt.crypt('Mallard-p4ss', '$2b$04$abcdefghijklmnopqrstuu'))"
        accounts.users.importPasswordHash(kim.id(), "$2b$04$abcdefghijklmnopqrstuuvyvKgUKi8FXjEewSUCeQxDbz4ZPAwPO").block();

        assertThat(login("kim", "Mallard-p4ss", Scope.IMAP).outcome()).isEqualTo(AuthOutcome.SUCCESS);

        String rehashed = accounts.users.credentials(kim.id()).block().passwordHash();
        assertThat(rehashed).startsWith("{argon2}$argon2id$");
        assertThat(login("kim", "Mallard-p4ss", Scope.IMAP).outcome()).isEqualTo(AuthOutcome.SUCCESS);
        assertThat(login("kim", "mallard-p4ss", Scope.IMAP).outcome()).isEqualTo(AuthOutcome.WRONG_PASSWORD);
    }
}
