package io.mallard.lmtp.delivery;


import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mallard.lmtp.autoreply.Autoresponder;
import io.mallard.lmtp.filter.FilterPlan;
import io.mallard.lmtp.filter.WebhookPoster;
import io.mallard.lmtp.outbound.ForwardLimit;
import io.mallard.model.filter.FilterStore;
import io.mallard.model.ingest.MessageParser;
import io.mallard.model.ingest.ParsedMessage;
import io.mallard.model.mail.MessageAppender;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.mailbox.MailboxStore;
import io.mallard.model.outbound.OutboundQueue;
import io.mallard.model.quota.QuotaExceededException;
import io.mallard.model.user.User;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One user's copy: the user's filters (parsed only when there are any), spam routing, duplicate
 * suppression, the append, then the filters' forwards and webhooks and the autoreply. Spam is
 * never passed on nor answered. Forwards are
 * queued after the copy is stored, so an MTA retry after a failed store cannot queue them twice.
 */
public final class UserDelivery {

    private static final Logger log = LoggerFactory.getLogger(UserDelivery.class);

    private final MailboxStore mailboxes;
    private final MessageAppender appender;
    private final DuplicateGuard duplicates;
    private final SpamVerdict spam;
    private final FilterStore filters;
    private final MessageParser parser;
    private final OutboundQueue outbound;
    private final WebhookPoster webhooks;
    private final Autoresponder autoresponder;
    private final ForwardLimit forwardLimit;

    public UserDelivery(MailboxStore mailboxes, MessageAppender appender, DuplicateGuard duplicates, SpamVerdict spam,
            FilterStore filters, MessageParser parser, OutboundQueue outbound, WebhookPoster webhooks,
            Autoresponder autoresponder, ForwardLimit forwardLimit) {
        this.mailboxes = mailboxes;
        this.appender = appender;
        this.duplicates = duplicates;
        this.spam = spam;
        this.filters = filters;
        this.parser = parser;
        this.outbound = outbound;
        this.webhooks = webhooks;
        this.autoresponder = autoresponder;
        this.forwardLimit = forwardLimit;
    }

    Mono<DeliveryOutcome> deliver(Envelope envelope, User user, HeaderSection headers, byte[] copy) {
        // Parsed at most once, and only when a filter or an autoreply needs it: CPU work off the event loop.
        Mono<ParsedMessage> parsed = Mono.fromCallable(() -> parser.parse(copy)).subscribeOn(Schedulers.boundedElastic())
                .cache();
        return filters.list(user.id()).collectList()
                .flatMap(list -> list.isEmpty() ? Mono.just(FilterPlan.NONE) : parsed.map(message -> FilterPlan.of(list, message)))
                .flatMap(plan -> place(envelope, user, headers, copy, plan)
                        .flatMap(outcome -> outcome == DeliveryOutcome.STORED
                                ? autoreply(envelope, user, parsed).thenReturn(outcome)
                                : Mono.just(outcome)))
                .onErrorResume(QuotaExceededException.class, e -> Mono.just(DeliveryOutcome.OVER_QUOTA));
    }

    /** Only for a copy stored in a normal mailbox: not for spam, duplicates or discarded mail. */
    private Mono<Void> autoreply(Envelope envelope, User user, Mono<ParsedMessage> parsed) {
        return autoresponder.active(user, envelope.received())
                .flatMap(autoreply -> parsed.flatMap(message ->
                        autoresponder.respond(user, autoreply, envelope.sender(), message, envelope.received())))
                .onErrorResume(error -> {
                    log.warn("delivery {}: autoreply for user {} failed", envelope.id(), user.id(), error);
                    return Mono.empty();
                });
    }

    private Mono<DeliveryOutcome> place(Envelope envelope, User user, HeaderSection headers, byte[] copy, FilterPlan plan) {
        boolean junk = plan.spam() || spam.spam(headers, user.spamLevel());
        if (plan.delete()) {
            return passOn(envelope, user, copy, plan, junk).thenReturn(DeliveryOutcome.DISCARDED);
        }
        String messageId = headers.value("Message-ID").orElse(null);
        return target(user.id(), junk, plan.mailbox())
                .flatMap(mailbox -> duplicates.seen(user.id(), mailbox.id(), messageId, envelope.received())
                        .flatMap(seen -> seen
                                ? Mono.just(DeliveryOutcome.DUPLICATE)
                                : appender.append(mailbox.id(), copy, plan.flags(), envelope.received())
                                        .then(passOn(envelope, user, copy, plan, junk))
                                        .thenReturn(junk ? DeliveryOutcome.JUNK : DeliveryOutcome.STORED)));
    }

    /** Junk when spam (RFC 6154 \Junk); else the filter's mailbox if it is still the user's; else INBOX. */
    private Mono<Mailbox> target(ObjectId user, boolean junk, ObjectId filterMailbox) {
        Mono<Mailbox> inbox = mailboxes.require(user, Mailbox.INBOX);
        if (junk) {
            return mailboxes.bySpecialUse(user, "\\Junk").switchIfEmpty(inbox);
        }
        return filterMailbox == null ? inbox
                : mailboxes.byId(filterMailbox).filter(mailbox -> mailbox.user().equals(user)).switchIfEmpty(inbox);
    }

    /** The filters' forwards and webhooks; never for spam. */
    private Mono<Void> passOn(Envelope envelope, User user, byte[] copy, FilterPlan plan, boolean junk) {
        if (junk) {
            return Mono.empty();
        }
        return webhooks.post(plan.webhooks(), user.username(), copy).then(forward(envelope, user, copy, plan));
    }

    private Mono<Void> forward(Envelope envelope, User user, byte[] copy, FilterPlan plan) {
        if (plan.forwards().isEmpty()) {
            return Mono.empty();
        }
        if (copy.length > OutboundQueue.MAX_RAW) {
            log.warn("delivery {}: message too large to forward for user {}", envelope.id(), user.id());
            return Mono.empty();
        }
        // Over the limit the copy is still stored; only the forward is dropped.
        return forwardLimit.take(user.id().toHexString(), user.limits().forwardsPerDay())
                .flatMap(allowed -> {
                    if (!allowed) {
                        log.warn("delivery {}: user {} reached the forwarding limit", envelope.id(), user.id());
                        return Mono.empty();
                    }
                    return outbound.enqueue(envelope.sender(), plan.forwards(), copy, "filter", user.id()).then();
                });
    }
}
