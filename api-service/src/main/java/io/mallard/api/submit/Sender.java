package io.mallard.api.submit;

import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.bson.types.ObjectId;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import io.mallard.api.mailboxes.OwnedMailboxes;
import io.mallard.web.ApiException;
import io.mallard.model.address.Address;
import io.mallard.model.address.AddressNormalizer;
import io.mallard.model.address.AddressStore;
import io.mallard.model.config.MallardProperties;
import io.mallard.model.mail.MessageAppender;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.message.MailStorage;
import io.mallard.model.message.Message;
import io.mallard.model.outbound.OutboundQueue;
import io.mallard.model.ratelimit.DailyCounter;
import io.mallard.model.store.RedisStore;
import io.mallard.model.user.User;
import io.mallard.model.user.UserStore;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends one submission for a user: resolves the sender and the referenced message, checks the
 * daily recipient limit, composes the message, stores the copy (over quota stops everything
 * here, before anything is sent), queues it for the relay, and flags the message it answers. A
 * queueing failure takes the copy back out, so a stored copy means the mail is on its way.
 */
@Component
@EnableConfigurationProperties(SubmitProperties.class)
class Sender {

    private final UserStore users;
    private final AddressStore addresses;
    private final OwnedMailboxes mailboxes;
    private final MailStorage storage;
    private final MessageAppender appender;
    private final OutboundQueue outbound;
    private final References references;
    private final DailyCounter recipients;
    private final SubmitProperties properties;
    private final String hostname;
    private final Clock clock;
    private final MessageComposer composer = new MessageComposer();

    Sender(UserStore users, AddressStore addresses, OwnedMailboxes mailboxes, MailStorage storage, MessageAppender appender,
            OutboundQueue outbound, References references, RedisStore redis, SubmitProperties properties,
            MallardProperties mallard, Clock clock) {
        this.users = users;
        this.addresses = addresses;
        this.mailboxes = mailboxes;
        this.storage = storage;
        this.appender = appender;
        this.outbound = outbound;
        this.references = references;
        this.recipients = new DailyCounter(redis.commands(), clock, DailyCounter.RECIPIENTS);
        this.properties = properties;
        this.hostname = mallard.hostname();
        this.clock = clock;
    }

    Mono<SubmitRequests.Stored> send(ObjectId owner, SubmitRequests.Submission request) {
        return users.get(owner)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("UserNotFound", "This user does not exist")))
                .flatMap(user -> user.disabled()
                        ? Mono.error(new ApiException(HttpStatus.FORBIDDEN, "UserDisabled", "User account is disabled"))
                        : addresses.listFor(owner).collectList()
                                .zipWith(references.resolve(owner, request.reference()).map(Optional::of)
                                        .defaultIfEmpty(Optional.empty()))
                                .flatMap(found -> send(user, found.getT1(), request, found.getT2().orElse(null))));
    }

    private Mono<SubmitRequests.Stored> send(User user, List<Address> owned, SubmitRequests.Submission request,
            References.Resolved reference) {
        MessageComposer.Draft draft = draft(user, owned, request, reference);
        List<String> envelope = envelope(draft);
        if (envelope.isEmpty()) {
            return Mono.error(ApiException.invalidField("to", "the message has no recipients"));
        }
        if (envelope.size() > SubmitRequests.MAX_RECIPIENTS) {
            return Mono.error(new ApiException(HttpStatus.FORBIDDEN, "TooMany", "Your email has too many recipients"));
        }
        return copyMailbox(user.id(), request.mailbox())
                .flatMap(mailbox -> counted(user, envelope.size(), Mono.fromCallable(() -> composer.compose(draft))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(composed -> appender.append(mailbox.id(), composed.stored(), List.of(Message.SEEN),
                                        clock.instant())
                                .flatMap(copy -> outbound.enqueue(draft.from().getAddress(), envelope, composed.sent(),
                                                "submit", user.id())
                                        .onErrorResume(failed -> storage.messages().delete(mailbox.id(), copy.uid())
                                                .then(Mono.error(failed)))
                                        .map(queued -> new SubmitRequests.Stored(mailbox.id().toHexString(), copy.uid(),
                                                queued.toHexString()))))))
                .flatMap(stored -> references.flag(reference).thenReturn(stored));
    }

    private MessageComposer.Draft draft(User user, List<Address> owned, SubmitRequests.Submission request,
            References.Resolved reference) {
        List<InternetAddress> to = addresses("to", request.to());
        List<InternetAddress> cc = addresses("cc", request.cc());
        if (reference != null && to.isEmpty() && cc.isEmpty()) {
            // WildDuck: a reply with no recipients goes to the sender, a reply-all to everyone else too.
            to = reference.replyTo();
            cc = reference.replyCc(owned);
        }
        String subject = request.subject() != null ? request.subject() : reference == null ? "" : reference.subject();
        String messageId = "<" + new ObjectId().toHexString() + "." + user.id().toHexString() + "@" + hostname + ">";
        return new MessageComposer.Draft(from(user, owned, request.from()), request.replyTo() == null ? null
                : address("replyTo", request.replyTo()), to, cc, addresses("bcc", request.bcc()), subject,
                request.text(), request.html(), request.attachments() == null ? List.of() : request.attachments(),
                request.headers() == null ? List.of() : request.headers(),
                reference == null ? null : reference.inReplyTo(), reference == null ? null : reference.references(),
                messageId, clock.instant());
    }

    /** WildDuck: an address that is not the user's own is replaced by the user's main address. */
    private static InternetAddress from(User user, List<Address> owned, SubmitRequests.Party from) {
        Address main = owned.stream().filter(Address::main).findFirst()
                .orElseThrow(() -> ApiException.invalidInput("from: the user has no address to send from"));
        String name = from == null || from.name() == null ? user.name() : from.name();
        String chosen = main.address();
        if (from != null) {
            String view = AddressNormalizer.viewAllowingWildcards(from.address());
            chosen = owned.stream().filter(address -> address.addrview().equals(view) && !address.addrview().contains("*"))
                    .findFirst().map(address -> from.address()).orElse(main.address());
        }
        return address("from", new SubmitRequests.Party(name, chosen));
    }

    private static List<String> envelope(MessageComposer.Draft draft) {
        Map<String, String> unique = new LinkedHashMap<>();
        List<InternetAddress> all = new ArrayList<>(draft.to());
        all.addAll(draft.cc());
        all.addAll(draft.bcc());
        all.forEach(address -> unique.putIfAbsent(address.getAddress().toLowerCase(Locale.ROOT), address.getAddress()));
        return List.copyOf(unique.values());
    }

    private Mono<Mailbox> copyMailbox(ObjectId user, String mailbox) {
        return mailbox != null ? mailboxes.require(user, mailbox)
                : storage.mailboxes().bySpecialUse(user, "\\Sent")
                        .switchIfEmpty(Mono.error(() -> ApiException.notFound("NoSuchMailbox", "The user has no Sent mailbox")));
    }

    /**
     * Runs {@code send} if today's recipients stay within the user's limit; a refused or failed
     * submission gives its recipients back.
     */
    private <T> Mono<T> counted(User user, int count, Mono<T> send) {
        int limit = user.limits().recipientsPerDay() > 0 ? user.limits().recipientsPerDay() : properties.recipientsPerDay();
        String key = user.id().toHexString();
        Mono<Void> giveBack = recipients.add(key, -count).then();
        return recipients.add(key, count).flatMap(total -> total <= limit
                ? send.onErrorResume(failed -> giveBack.then(Mono.error(failed)))
                : giveBack.then(Mono.error(new ApiException(HttpStatus.FORBIDDEN, "RateLimitedError",
                        "You reached a daily sending limit for your account"))));
    }

    private static List<InternetAddress> addresses(String field, List<SubmitRequests.Party> parties) {
        return parties == null ? List.of() : parties.stream().map(party -> address(field, party)).toList();
    }

    static InternetAddress address(String field, SubmitRequests.Party party) {
        try {
            InternetAddress address = new InternetAddress(party.address(), true);
            if (party.name() != null && !party.name().isBlank()) {
                address.setPersonal(party.name(), "UTF-8");
            }
            return address;
        } catch (AddressException | UnsupportedEncodingException e) {
            throw ApiException.invalidField(field, party.address() + " is not a valid address");
        }
    }
}
