package io.mallard.api.updates;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.types.ObjectId;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.mallard.model.journal.ChangeEvent;
import io.mallard.model.journal.ChangeNotifier;
import io.mallard.model.journal.ChangeSubscription;
import io.mallard.model.journal.Journal;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.mailbox.MailboxStore;
import io.mallard.model.message.MailStorage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One user's mailbox changes as Server-Sent Events, pushed by the {@link ChangeNotifier} (one
 * Redis subscription per user and process, no polling per connection). With a
 * {@code Last-Event-ID} the journal entries missed since that {@link EventPosition} come first;
 * the live subscription is open before they are read, so nothing falls between the two, and an
 * entry seen both ways is sent once. A comment every 15 s keeps proxies from closing an idle
 * stream, and a stream ends after 30 minutes (WildDuck's limit), to be resumed by the client.
 */
@Component
class UpdateStream {

    static final Duration HEARTBEAT = Duration.ofSeconds(15);
    static final Duration LIFETIME = Duration.ofMinutes(30);
    /** Entry keys remembered to drop the second copy of one change; far more than a replay overlaps. */
    private static final int REMEMBERED = 10_000;

    private final ChangeNotifier notifier;
    private final Journal journal;
    private final MailboxStore mailboxes;

    UpdateStream(ChangeNotifier notifier, MailStorage storage) {
        this.notifier = notifier;
        this.journal = storage.journal();
        this.mailboxes = storage.mailboxes();
    }

    /** A change as WildDuck's stream sends it: the journal entry without its internal fields. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Update(String command, String mailbox, Long uid, long modseq, List<String> flags, String path) {

        static Update of(ChangeEvent event) {
            boolean message = event.uid() > 0;
            return new Update(event.command().name(), event.mailbox().toHexString(), message ? event.uid() : null,
                    event.modseq(), message ? event.flags() : null, event.path());
        }
    }

    /** @param resume where the client's last stream ended, or null for changes from now on */
    Flux<ServerSentEvent<Update>> open(ObjectId user, EventPosition resume) {
        Flux<ServerSentEvent<Update>> changes = Flux.usingWhen(notifier.open(user),
                subscription -> changes(user, resume, subscription),
                subscription -> Mono.fromRunnable(subscription::close));
        Flux<ServerSentEvent<Update>> heartbeat = Flux.interval(HEARTBEAT)
                .map(tick -> ServerSentEvent.<Update>builder().comment("idling").build());
        return Flux.merge(changes, heartbeat).take(LIFETIME);
    }

    private Flux<ServerSentEvent<Update>> changes(ObjectId user, EventPosition resume, ChangeSubscription subscription) {
        return mailboxes.list(user).collectMap(Mailbox::id, Mailbox::modifyIndex, LinkedHashMap::new).flatMapMany(current -> {
            EventPosition position = resume == null ? new EventPosition(current) : resume;
            Flux<ChangeEvent> missed = resume == null ? Flux.empty() : missed(resume, current);
            Set<String> sent = remembered();
            Flux<ServerSentEvent<Update>> events = Flux.concat(missed, subscription.events())
                    .filter(event -> sent.add(event.mailbox().toHexString() + ':' + event.modseq() + ':' + event.command()
                            + ':' + event.uid()))
                    .map(event -> {
                        position.advance(event);
                        return ServerSentEvent.builder(Update.of(event)).id(position.encode()).build();
                    });
            // Sent once the subscription is live: the response starts at once, and a client that sees it
            // knows that no later change can be missed.
            return events.startWith(ServerSentEvent.<Update>builder().comment("ready").build());
        });
    }

    /** Journal entries beyond the position, mailbox by mailbox: those it knows and those created since. */
    private Flux<ChangeEvent> missed(EventPosition resume, Map<ObjectId, Long> current) {
        Set<ObjectId> read = new LinkedHashSet<>(current.keySet());
        resume.mailboxes().forEach(read::add);
        return Flux.fromIterable(read).concatMap(mailbox -> journal.since(mailbox, resume.of(mailbox)));
    }

    private static Set<String> remembered() {
        return Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > REMEMBERED;
            }
        });
    }
}
