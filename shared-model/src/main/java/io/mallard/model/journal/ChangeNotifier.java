package io.mallard.model.journal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bson.types.ObjectId;

import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.mallard.model.store.RedisStore;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Tells the sessions of this process about changes made by any process. One Redis pub/sub
 * connection serves the whole process: it subscribes to a user's channel while at least one
 * session of that user listens. A notification only names a mailbox and a MODSEQ; the notifier
 * then reads that mailbox's {@link Journal} entries from the lower of that MODSEQ and the last one
 * it delivered, so entries written out of MODSEQ order by concurrent writers are still delivered,
 * duplicates are dropped, and no session ever polls MongoDB on a timer.
 *
 * <p>An EXISTS event is a wake-up call, not permission: the session reports new messages only up to
 * {@code MessageStore.visibleUpTo}, which may still be below the event's UID.
 *
 * <p>Redis pub/sub is at-most-once: a notification lost while the connection is down delays the
 * entry until the next change of the same mailbox. Sessions resynchronise on reconnect the RFC
 * 7162 way (CHANGEDSINCE the last MODSEQ they reported).
 */
public final class ChangeNotifier implements AutoCloseable {

    private static final int REMEMBERED_ENTRIES = 10_000;

    private final StatefulRedisPubSubConnection<String, String> connection;
    private final Journal journal;
    private final Map<ObjectId, Feed> feeds = new HashMap<>();
    private final Disposable pump;

    public ChangeNotifier(RedisStore redis, Journal journal) {
        this.connection = redis.connectPubSub();
        this.journal = journal;
        // One reader for every channel: journal reads for one mailbox never overlap, so each
        // session sees a mailbox's entries in the order they were read.
        this.pump = connection.reactive().observeChannels()
                .concatMap(message -> dispatch(message.getChannel(), message.getMessage()).onErrorResume(e -> Mono.empty()))
                .subscribe();
    }

    /** Starts listening for the user's changes; completes once Redis has confirmed the subscription. */
    public Mono<ChangeSubscription> open(ObjectId user) {
        return Mono.defer(() -> {
            Sinks.Many<ChangeEvent> sink = Sinks.many().unicast().onBackpressureBuffer();
            Mono<Void> ready;
            synchronized (feeds) {
                Feed feed = feeds.computeIfAbsent(user, u -> new Feed(
                        connection.reactive().subscribe(Journal.channel(u)).cache()));
                feed.sinks.add(sink);
                ready = feed.subscribed;
            }
            ChangeSubscription subscription = new ChangeSubscription(sink.asFlux(), () -> release(user, sink));
            return ready.thenReturn(subscription).doOnCancel(subscription::close);
        });
    }

    /** The user's changes for as long as the returned Flux is subscribed. */
    public Flux<ChangeEvent> subscribe(ObjectId user) {
        return Flux.usingWhen(open(user), ChangeSubscription::events, s -> Mono.fromRunnable(s::close));
    }

    private void release(ObjectId user, Sinks.Many<ChangeEvent> sink) {
        sink.tryEmitComplete();
        synchronized (feeds) {
            Feed feed = feeds.get(user);
            if (feed != null && feed.sinks.remove(sink) && feed.sinks.isEmpty()) {
                feeds.remove(user);
                connection.reactive().unsubscribe(Journal.channel(user)).subscribe();
            }
        }
    }

    private Mono<Void> dispatch(String channel, String payload) {
        Feed feed;
        synchronized (feeds) {
            feed = feeds.get(Journal.userOf(channel));
        }
        if (feed == null) {
            return Mono.empty();
        }
        String[] parts = payload.split(" ");
        ObjectId mailbox = new ObjectId(parts[0]);
        long modseq = Long.parseLong(parts[1]);
        long from = Math.min(feed.cursors.getOrDefault(mailbox, modseq - 1), modseq - 1);
        return journal.since(mailbox, from)
                .filter(event -> feed.seen.put(event.key(), Boolean.TRUE) == null)
                .doOnNext(event -> {
                    feed.cursors.merge(mailbox, event.modseq(), Math::max);
                    feed.sinks.forEach(sink -> sink.tryEmitNext(event));
                })
                .then();
    }

    @Override
    public void close() {
        pump.dispose();
        List<Sinks.Many<ChangeEvent>> open;
        synchronized (feeds) {
            open = feeds.values().stream().flatMap(f -> f.sinks.stream()).toList();
            feeds.clear();
        }
        open.forEach(Sinks.Many::tryEmitComplete);
        connection.close();
    }

    /** A user's listeners in this process and what has been delivered to them. */
    private static final class Feed {
        final Mono<Void> subscribed;
        final List<Sinks.Many<ChangeEvent>> sinks = new CopyOnWriteArrayList<>();
        // Touched only from the single dispatch pipeline.
        final Map<ObjectId, Long> cursors = new HashMap<>();
        final Map<String, Boolean> seen = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > REMEMBERED_ENTRIES;
            }
        };

        Feed(Mono<Void> subscribed) {
            this.subscribed = subscribed;
            subscribed.subscribe();
        }
    }
}
