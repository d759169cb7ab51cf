package io.mallard.model.journal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

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
 * session of that user listens. A notification names a mailbox and a MODSEQ, and for a message's
 * change carries the change; when it leaves a gap after the last MODSEQ delivered for the mailbox
 * (or carries nothing), the notifier reads that mailbox's {@link Journal} entries from the lower of
 * the two, so entries written out of MODSEQ order by concurrent writers are still delivered,
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
        return open(user, mailbox -> true);
    }

    /**
     * As {@link #open(ObjectId)}, for the changes of the mailboxes {@code watched} accepts at the
     * moment each is announced (an IMAP session: the one it selects). The journal is read for a
     * mailbox only while some listener of the user watches it: an APPEND to Sent, or a delivery
     * to a mailbox nobody has open, cost each listening process a journal read for nothing. A
     * listener that starts watching a mailbox learns its state from the store first (SELECT), and
     * only what is announced from then on comes through here.
     */
    public Mono<ChangeSubscription> open(ObjectId user, Predicate<ObjectId> watched) {
        return Mono.defer(() -> {
            Listener listener = new Listener(Sinks.many().unicast().onBackpressureBuffer(), watched);
            Mono<Void> ready;
            synchronized (feeds) {
                Feed feed = feeds.computeIfAbsent(user, u -> new Feed(
                        connection.reactive().subscribe(Journal.channel(u)).cache()));
                feed.listeners.add(listener);
                ready = feed.subscribed;
            }
            ChangeSubscription subscription = new ChangeSubscription(listener.sink.asFlux(), () -> release(user, listener));
            return ready.thenReturn(subscription).doOnCancel(subscription::close);
        });
    }

    /** The user's changes for as long as the returned Flux is subscribed. */
    public Flux<ChangeEvent> subscribe(ObjectId user) {
        return Flux.usingWhen(open(user), ChangeSubscription::events, s -> Mono.fromRunnable(s::close));
    }

    private void release(ObjectId user, Listener listener) {
        listener.sink.tryEmitComplete();
        synchronized (feeds) {
            Feed feed = feeds.get(user);
            if (feed != null && feed.listeners.remove(listener) && feed.listeners.isEmpty()) {
                feeds.remove(user);
                connection.reactive().unsubscribe(Journal.channel(user)).subscribe();
            }
        }
    }

    private Mono<Void> dispatch(String channel, String payload) {
        ObjectId user = Journal.userOf(channel);
        Feed feed;
        synchronized (feeds) {
            feed = feeds.get(user);
        }
        if (feed == null) {
            return Mono.empty();
        }
        String[] parts = payload.split(" ");
        ObjectId mailbox = new ObjectId(parts[0]);
        long modseq = Long.parseLong(parts[1]);
        List<Listener> watching = feed.listeners.stream().filter(listener -> listener.watched.test(mailbox)).toList();
        if (watching.isEmpty()) {
            // Whoever watches it next reads from this announcement on, not from a stale position.
            feed.cursors.remove(mailbox);
            return Mono.empty();
        }
        long from = Math.min(feed.cursors.getOrDefault(mailbox, modseq - 1), modseq - 1);
        ChangeEvent carried = ChangeEvent.fromAnnouncement(user, parts);
        if (carried != null && from == modseq - 1) {
            // Nothing delivered leaves a gap below it: the journal read would bring this entry, and
            // any later one already written, which its own announcement brings.
            deliver(feed, watching, carried);
            return Mono.empty();
        }
        return journal.since(mailbox, from).doOnNext(event -> deliver(feed, watching, event)).then();
    }

    private static void deliver(Feed feed, List<Listener> watching, ChangeEvent event) {
        if (feed.seen.put(event.key(), Boolean.TRUE) == null) {
            feed.cursors.merge(event.mailbox(), event.modseq(), Math::max);
            watching.forEach(listener -> listener.sink.tryEmitNext(event));
        }
    }

    @Override
    public void close() {
        pump.dispose();
        List<Sinks.Many<ChangeEvent>> open;
        synchronized (feeds) {
            open = feeds.values().stream().flatMap(f -> f.listeners.stream()).map(Listener::sink).toList();
            feeds.clear();
        }
        open.forEach(Sinks.Many::tryEmitComplete);
        connection.close();
    }

    /** One subscription: where its events go, and which mailboxes it wants them of. */
    private record Listener(Sinks.Many<ChangeEvent> sink, Predicate<ObjectId> watched) {
    }

    /** A user's listeners in this process and what has been delivered to them. */
    private static final class Feed {
        final Mono<Void> subscribed;
        final List<Listener> listeners = new CopyOnWriteArrayList<>();
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
