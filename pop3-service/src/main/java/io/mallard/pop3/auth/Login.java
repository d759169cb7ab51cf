package io.mallard.pop3.auth;

import java.util.Optional;

import org.bson.types.ObjectId;

import io.mallard.model.authlog.AuthOutcome;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.user.AuthResult;
import io.mallard.model.user.CredentialCheck;
import io.mallard.model.user.Scope;
import io.mallard.pop3.command.Pop3Conversation;
import io.mallard.pop3.maildrop.Maildrop;
import io.mallard.pop3.maildrop.MaildropLoader;
import io.mallard.pop3.maildrop.MaildropLock;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;

/**
 * The end of USER/PASS and of AUTH (RFC 1939 §7, RFC 5034 §4): check the credentials for the POP3
 * scope (application passwords included), take the maildrop lock, load the maildrop, enter
 * TRANSACTION. Failures answer with RFC 2449/3206 response codes: {@code [AUTH]} for credentials
 * and for a locked-out login alike (RFC 3206 §4: the client must not retry with the same
 * credentials; {@code [LOGIN-DELAY]} would promise that waiting alone helps, and is meant for a
 * per-user minimum delay between logins, RFC 2449 §8.1.1), {@code [IN-USE]} for the lock,
 * {@code [SYS/TEMP]} when a store fails.
 */
public final class Login {

    private final CredentialCheck credentials;
    private final MaildropLock lock;
    private final MaildropLoader loader;

    public Login(CredentialCheck credentials, MaildropLock lock, MaildropLoader loader) {
        this.credentials = credentials;
        this.lock = lock;
        this.loader = loader;
    }

    public Mono<Void> login(Pop3Conversation conversation, String name, String password) {
        // The check counts the attempt in the failure windows shared with IMAP and the API, so
        // parallel guesses cannot pass the limit, and a locked login is refused without hashing
        // anything, the right password included. The maildrop is locked and listed while the
        // password is hashed (listing 1,000 messages took about 4 ms of a 23 ms PASS when it came
        // after), and the answer waits for the auth log as well.
        return credentials.authenticate(name, password, Scope.POP3, conversation.remoteIp(), new CredentialCheck.FollowUp<Opening, Outcome>() {
                    @Override
                    public Mono<Opening> early(ObjectId user) {
                        return Mono.fromSupplier(() -> open(conversation, user));
                    }

                    @Override
                    public Mono<Outcome> next(AuthResult result, Mono<Opening> opening) {
                        if (result.outcome() == AuthOutcome.LOCKED) {
                            return Mono.just(Outcome.refused("-ERR [AUTH] Too many failed logins, try again later"));
                        }
                        if (result.success()) {
                            return opening.flatMap(Opening::outcome).map(outcome -> outcome.as(result.username()));
                        }
                        opening.subscribe(Opening::abandon);
                        return Mono.just(Outcome.refused("-ERR [AUTH] " + refusal(result)));
                    }

                    @Override
                    public Mono<Void> undo(Outcome done) {
                        return done.undo();
                    }
                })
                .flatMap(outcome -> outcome.finish(conversation));
    }

    /**
     * The lock (Redis) and the INBOX lookup (the store) are independent, so both run at once. The
     * lookup's outcome is kept as a signal rather than let fail the pair: a failed lookup must not
     * cancel a lock that Redis may already have granted, which would stay taken until its TTL.
     * From the moment the lease is held, every failure gives it back.
     */
    private Opening open(Pop3Conversation conversation, ObjectId user) {
        Mono<Optional<MaildropLock.Lease>> lease = lock.acquire(user, conversation.sessionId()).map(Optional::of)
                .defaultIfEmpty(Optional.empty()).cache();
        Mono<Outcome> outcome = Mono.zip(lease, loader.inbox(user).materialize())
                .flatMap(pair -> pair.getT1()
                        .map(held -> load(user, held, pair.getT2()))
                        .orElseGet(() -> Mono.just(Outcome.refused("-ERR [IN-USE] Mailbox is locked by another POP3 session"))))
                .cache();
        outcome.subscribe(null, failure -> { });
        return new Opening(lease, outcome);
    }

    private Mono<Outcome> load(ObjectId user, MaildropLock.Lease lease, Signal<Mailbox> inbox) {
        return Mono.defer(() -> inbox.hasValue() ? loader.load(user, inbox.get()) : Mono.<Maildrop>error(inbox.getThrowable()))
                .onErrorResume(failure -> lease.release().then(Mono.error(failure)))
                .map(maildrop -> new Outcome(null, lease, maildrop, null));
    }

    /** A maildrop being locked, then listed, while the password is checked; both already under way. */
    private record Opening(Mono<Optional<MaildropLock.Lease>> lease, Mono<Outcome> outcome) {

        /**
         * The password did not match: the lock goes back as soon as Redis has granted it, not once
         * the listing is done, so that the client's next attempt finds it free; the listing's
         * result is dropped.
         */
        void abandon() {
            lease.flatMap(held -> held.map(MaildropLock.Lease::release).orElseGet(Mono::empty)).subscribe(null, failure -> { });
        }
    }

    /** What the login came to: a refusal to send, or a locked and listed maildrop to enter TRANSACTION with. */
    private record Outcome(String username, MaildropLock.Lease lease, Maildrop maildrop, String refusal) {

        static Outcome refused(String line) {
            return new Outcome(null, null, null, line);
        }

        /** The opened maildrop, for the name the client logged in as (the check resolved it). */
        Outcome as(String name) {
            return new Outcome(name, lease, maildrop, refusal);
        }

        /** The auth log could not be written: the login fails, and the lock it took is given back. */
        Mono<Void> undo() {
            return lease == null ? Mono.empty() : lease.release();
        }

        Mono<Void> finish(Pop3Conversation conversation) {
            if (maildrop == null) {
                return reply(conversation, refusal);
            }
            conversation.open(maildrop, lease);
            if (!conversation.context().channel().isActive()) {
                // The client left while we logged in: its close found no lock to give back.
                return conversation.unlock();
            }
            return reply(conversation, "+OK " + username + " has " + maildrop.count() + " messages ("
                    + maildrop.octets() + " octets)");
        }
    }

    /** Only after the password matched does the answer say more than "invalid" (see CredentialCheck). */
    private static String refusal(AuthResult result) {
        return switch (result.outcome()) {
            case USER_DISABLED -> "Account disabled";
            case SCOPE_DENIED -> "POP3 access is not allowed for this account";
            case APP_PASSWORD_REQUIRED -> "Two-factor authentication is on: use an application-specific password";
            default -> "Invalid login or password";
        };
    }

    private static Mono<Void> reply(Pop3Conversation conversation, String line) {
        return Mono.fromRunnable(() -> conversation.reply(line));
    }
}
