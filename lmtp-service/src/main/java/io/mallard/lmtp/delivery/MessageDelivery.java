package io.mallard.lmtp.delivery;

import java.util.List;

import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mallard.model.address.Resolution;
import io.mallard.model.mail.MessageAppender;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.mailbox.MailboxStore;
import io.mallard.model.outbound.OutboundQueue;
import io.mallard.model.quota.QuotaExceededException;
import io.mallard.model.user.User;
import io.mallard.model.user.UserStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Delivers one received message to each accepted recipient on its own (RFC 2033 §4.2): a
 * recipient's failure becomes that recipient's reply and never touches the others. A user's copy
 * gets its trace fields, goes to INBOX or Junk, is skipped when already there, and is
 * acknowledged only once the store acknowledged the write.
 */
public final class MessageDelivery {

    private static final Logger log = LoggerFactory.getLogger(MessageDelivery.class);
    /** Recipients of one message stored side by side; replies still come in RCPT order. */
    private static final int PARALLEL_RECIPIENTS = 4;

    private final UserStore users;
    private final MailboxStore mailboxes;
    private final MessageAppender appender;
    private final DuplicateGuard duplicates;
    private final SpamVerdict spam;
    private final TraceHeaders trace;
    private final OutboundQueue outbound;
    private final DeliveryMetrics metrics;

    public MessageDelivery(UserStore users, MailboxStore mailboxes, MessageAppender appender, DuplicateGuard duplicates,
            SpamVerdict spam, TraceHeaders trace, OutboundQueue outbound, DeliveryMetrics metrics) {
        this.users = users;
        this.mailboxes = mailboxes;
        this.appender = appender;
        this.duplicates = duplicates;
        this.spam = spam;
        this.trace = trace;
        this.outbound = outbound;
        this.metrics = metrics;
    }

    /** One outcome per recipient, in the order given. */
    public Mono<List<DeliveryOutcome>> deliver(Envelope envelope, List<Recipient> recipients, byte[] content) {
        HeaderSection headers = HeaderSection.of(content);
        return Flux.fromIterable(recipients)
                .flatMapSequential(recipient -> metrics.timed(deliverOne(envelope, recipient, headers, content)
                        .onErrorResume(error -> {
                            log.warn("delivery {} to {} failed", envelope.id(), recipient.address(), error);
                            return Mono.just(DeliveryOutcome.FAILED);
                        }), content.length), PARALLEL_RECIPIENTS)
                .collectList();
    }

    private Mono<DeliveryOutcome> deliverOne(Envelope envelope, Recipient recipient, HeaderSection headers,
            byte[] content) {
        byte[] copy = trace.prepend(envelope, recipient.address(), content);
        if (recipient.resolution() instanceof Resolution.ToUser toUser) {
            return users.get(toUser.user())
                    .switchIfEmpty(Mono.error(() -> new IllegalStateException("user gone: " + toUser.user())))
                    .flatMap(user -> store(envelope, user, headers, copy));
        }
        if (recipient.resolution() instanceof Resolution.Forwarded forwarded) {
            return forward(envelope, forwarded, copy);
        }
        return Mono.error(new IllegalStateException("unresolved recipient accepted: " + recipient));
    }

    private Mono<DeliveryOutcome> store(Envelope envelope, User user, HeaderSection headers, byte[] copy) {
        boolean junk = spam.spam(headers, user.spamLevel());
        String messageId = headers.value("Message-ID").orElse(null);
        return target(user.id(), junk)
                .flatMap(mailbox -> duplicates.seen(user.id(), mailbox.id(), messageId, envelope.received())
                        .flatMap(seen -> seen
                                ? Mono.just(DeliveryOutcome.DUPLICATE)
                                : appender.append(mailbox.id(), copy, List.of(), envelope.received())
                                        .thenReturn(junk ? DeliveryOutcome.JUNK : DeliveryOutcome.STORED)))
                .onErrorResume(QuotaExceededException.class, e -> Mono.just(DeliveryOutcome.OVER_QUOTA));
    }

    /** Junk when flagged and the user has one; INBOX otherwise (RFC 6154 §2 \Junk). */
    private Mono<Mailbox> target(ObjectId user, boolean junk) {
        Mono<Mailbox> inbox = mailboxes.require(user, Mailbox.INBOX);
        return junk ? mailboxes.bySpecialUse(user, "\\Junk").switchIfEmpty(inbox) : inbox;
    }

    /** A forwarded-only address: queued durably for the relay before the 250. */
    private Mono<DeliveryOutcome> forward(Envelope envelope, Resolution.Forwarded forwarded, byte[] copy) {
        if (copy.length > OutboundQueue.MAX_RAW) {
            return Mono.just(DeliveryOutcome.TOO_BIG);
        }
        List<String> targets = forwarded.targets().stream().map(target -> target.value()).toList();
        return outbound.enqueue(envelope.sender(), targets, copy, "forward", null)
                .thenReturn(DeliveryOutcome.FORWARDED);
    }
}
