package io.mallard.lmtp.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mallard.lmtp.filter.WebhookPoster;
import io.mallard.lmtp.outbound.ForwardLimit;
import io.mallard.model.address.ForwardTarget;
import io.mallard.model.address.Resolution;
import io.mallard.model.outbound.OutboundQueue;
import io.mallard.model.user.UserStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Delivers one received message to each accepted recipient on its own (RFC 2033 §4.2): a
 * recipient's failure becomes that recipient's reply and never touches the others. Each copy gets
 * its trace fields; a user's copy goes through {@link UserDelivery}, a forwarded-only address's
 * into the outbound queue. Either is acknowledged only once the store acknowledged the write.
 */
public final class MessageDelivery {

    private static final Logger log = LoggerFactory.getLogger(MessageDelivery.class);
    /** Recipients of one message stored side by side; replies still come in RCPT order. */
    private static final int PARALLEL_RECIPIENTS = 4;

    private final UserStore users;
    private final UserDelivery userDelivery;
    private final TraceHeaders trace;
    private final OutboundQueue outbound;
    private final ForwardLimit forwardLimit;
    private final WebhookPoster webhooks;
    private final DeliveryMetrics metrics;

    public MessageDelivery(UserStore users, UserDelivery userDelivery, TraceHeaders trace, OutboundQueue outbound,
            ForwardLimit forwardLimit, WebhookPoster webhooks, DeliveryMetrics metrics) {
        this.users = users;
        this.userDelivery = userDelivery;
        this.trace = trace;
        this.outbound = outbound;
        this.forwardLimit = forwardLimit;
        this.webhooks = webhooks;
        this.metrics = metrics;
    }

    /**
     * One outcome per recipient, in the order given. Copies for one user (two aliases of one
     * mailbox in one transaction) are stored one after the other, so the duplicate check of the
     * second sees the first; different users are served side by side.
     */
    public Mono<List<DeliveryOutcome>> deliver(Envelope envelope, List<Recipient> recipients, byte[] content) {
        HeaderSection headers = HeaderSection.of(content);
        Map<Object, Mono<DeliveryOutcome>> previousOfOwner = new HashMap<>();
        List<Mono<DeliveryOutcome>> deliveries = new ArrayList<>();
        for (Recipient recipient : recipients) {
            // Deferred: each recipient's copy (content plus trace fields) exists only while it is stored.
            Mono<DeliveryOutcome> delivery = metrics.timed(Mono.defer(() -> deliverOne(envelope, recipient, headers, content))
                    .onErrorResume(error -> {
                        log.warn("delivery {} to {} failed", envelope.id(), recipient.address(), error);
                        return Mono.just(DeliveryOutcome.FAILED);
                    }), content.length);
            Mono<DeliveryOutcome> previous = previousOfOwner.get(owner(recipient));
            Mono<DeliveryOutcome> ordered = (previous == null ? delivery : previous.then(delivery)).cache();
            previousOfOwner.put(owner(recipient), ordered);
            deliveries.add(ordered);
        }
        return Flux.fromIterable(deliveries).flatMapSequential(delivery -> delivery, PARALLEL_RECIPIENTS).collectList();
    }

    /** The user a recipient stores for, or the forwarded address itself. */
    private static Object owner(Recipient recipient) {
        return recipient.resolution() instanceof Resolution.ToUser toUser ? toUser.user() : recipient.address();
    }

    private Mono<DeliveryOutcome> deliverOne(Envelope envelope, Recipient recipient, HeaderSection headers,
            byte[] content) {
        byte[] copy = trace.prepend(envelope, recipient.address(), content);
        if (recipient.resolution() instanceof Resolution.ToUser toUser) {
            return users.get(toUser.user())
                    .switchIfEmpty(Mono.error(() -> new IllegalStateException("user gone: " + toUser.user())))
                    .flatMap(user -> userDelivery.deliver(envelope, user, headers, copy));
        }
        if (recipient.resolution() instanceof Resolution.Forwarded forwarded) {
            return forward(envelope, forwarded, copy);
        }
        return Mono.error(new IllegalStateException("unresolved recipient accepted: " + recipient));
    }

    /**
     * A forwarded-only address: mail targets are queued durably for the relay before the 250;
     * HTTP targets get the message by POST, best effort. Per-target SMTP relays
     * ({@code smtp://} targets) are not supported yet and only logged.
     */
    private Mono<DeliveryOutcome> forward(Envelope envelope, Resolution.Forwarded forwarded, byte[] copy) {
        if (copy.length > OutboundQueue.MAX_RAW) {
            return Mono.just(DeliveryOutcome.TOO_BIG);
        }
        List<String> mail = targets(forwarded, ForwardTarget.Kind.MAIL);
        List<String> relays = targets(forwarded, ForwardTarget.Kind.RELAY);
        if (!relays.isEmpty()) {
            log.warn("delivery {}: relay targets {} of {} are not supported", envelope.id(), relays,
                    forwarded.address().address());
        }
        return forwardLimit.take(forwarded.address().id().toHexString(), forwarded.address().forwardsPerDay())
                .flatMap(allowed -> !allowed
                        ? Mono.just(DeliveryOutcome.RATE_LIMITED)
                        : (mail.isEmpty() ? Mono.<ObjectId>empty() : outbound.enqueue(envelope.sender(), mail, copy, "forward", null))
                                .then(webhooks.post(targets(forwarded, ForwardTarget.Kind.HTTP),
                                        forwarded.address().address(), copy))
                                .thenReturn(DeliveryOutcome.FORWARDED));
    }

    private static List<String> targets(Resolution.Forwarded forwarded, ForwardTarget.Kind kind) {
        return forwarded.targets().stream().filter(target -> target.kind() == kind).map(ForwardTarget::value).toList();
    }
}
