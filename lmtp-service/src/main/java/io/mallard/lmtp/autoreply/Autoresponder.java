package io.mallard.lmtp.autoreply;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

import io.lettuce.core.SetArgs;
import io.mallard.model.address.Address;
import io.mallard.model.address.AddressStore;
import io.mallard.model.autoreply.Autoreply;
import io.mallard.model.autoreply.AutoreplyStore;
import io.mallard.model.ingest.ParsedMessage;
import io.mallard.model.outbound.OutboundQueue;
import io.mallard.model.store.RedisStore;
import io.mallard.model.user.User;
import reactor.core.publisher.Mono;

/**
 * Vacation replies: when the user's autoreply is active and {@link LoopGuard} allows it, at most
 * one reply per sender per interval (RFC 3834 §2), queued with the null reverse-path (§3.3) so
 * that no bounce or reply comes back. The per-sender mark lives in Redis ({@code SET NX EX}):
 * losing it costs at most one extra reply.
 */
public final class Autoresponder {

    private final AutoreplyStore autoreplies;
    private final AddressStore addresses;
    private final RedisStore redis;
    private final OutboundQueue outbound;
    private final ReplyComposer composer;
    private final Duration interval;

    public Autoresponder(AutoreplyStore autoreplies, AddressStore addresses, RedisStore redis, OutboundQueue outbound,
            String hostName, Duration interval) {
        this.autoreplies = autoreplies;
        this.addresses = addresses;
        this.redis = redis;
        this.outbound = outbound;
        this.composer = new ReplyComposer(hostName);
        this.interval = interval;
    }

    /** The user's autoreply if one is active at {@code now}. */
    public Mono<Autoreply> active(User user, Instant now) {
        return autoreplies.get(user.id()).filter(autoreply -> autoreply.activeAt(now));
    }

    /** Queues a reply to {@code sender} unless a guard or the per-sender interval says no. */
    public Mono<Void> respond(User user, Autoreply autoreply, String sender, ParsedMessage message, Instant now) {
        return addresses.listFor(user.id()).collectList()
                .filter(own -> LoopGuard.mayReply(sender, message, new HashSet<>(own.stream().map(Address::addrview).toList())))
                .flatMap(own -> firstInInterval(user, sender).filter(first -> first)
                        .flatMap(first -> outbound.enqueue("", List.of(sender),
                                composer.compose(autoreply, mainAddress(own, user), sender, message, now), "autoreply",
                                user.id())))
                .then();
    }

    private Mono<Boolean> firstInInterval(User user, String sender) {
        String key = "autoreply:" + user.id().toHexString() + ":" + sender.toLowerCase(Locale.ROOT);
        return redis.commands().set(key, "1", SetArgs.Builder.nx().ex(interval.toSeconds()))
                .map("OK"::equals)
                .defaultIfEmpty(false);
    }

    private static String mainAddress(List<Address> own, User user) {
        return own.stream().filter(Address::main).map(Address::address).findFirst().orElse(user.username());
    }
}
