package io.mallard.api.mailboxes;

import java.util.Map;

import jakarta.validation.Valid;

import org.bson.types.ObjectId;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.mallard.api.web.Access;
import io.mallard.api.web.KnownUsers;
import io.mallard.model.access.Action;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.mailbox.MailboxStore;
import io.mallard.model.message.MailStorage;
import io.mallard.model.message.MessageListing;
import io.mallard.model.message.MessageStore;
import io.mallard.model.user.User;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/** WildDuck's {@code /users/{user}/mailboxes}: the IMAP folders of an account. */
@RestController
@Tag(name = "Mailboxes")
class MailboxResource {

    private static final String MAILBOXES = "mailboxes";

    private final Access access;
    private final KnownUsers users;
    private final MailboxStore mailboxes;
    private final OwnedMailboxes owned;
    private final MessageListing listing;
    private final MessageStore messages;

    MailboxResource(Access access, KnownUsers users, MailStorage storage, OwnedMailboxes owned) {
        this.access = access;
        this.users = users;
        this.mailboxes = storage.mailboxes();
        this.owned = owned;
        this.listing = storage.listing();
        this.messages = storage.messages();
    }

    @GetMapping("/users/{user}/mailboxes")
    Mono<MailboxRequests.Listing> list(@PathVariable String user,
            @RequestParam(defaultValue = "false") boolean counters) {
        // An unknown user has no mailboxes to list: 404, not an empty list that reads as an existing account.
        return access.user(user, MAILBOXES, Action.READ)
                .flatMap(users::require)
                .map(User::id)
                .flatMapMany(mailboxes::list)
                .concatMap(mailbox -> details(mailbox, counters, null))
                .collectList()
                .map(results -> new MailboxRequests.Listing(true, results));
    }

    @PostMapping("/users/{user}/mailboxes")
    Mono<MailboxRequests.Created> create(@PathVariable String user,
            @Valid @RequestBody MailboxRequests.Create request) {
        return access.user(user, MAILBOXES, Action.CREATE)
                .flatMap(users::require)
                .map(User::id)
                .flatMap(id -> mailboxes.create(id, request.path(), null)
                        .flatMap(created -> request.hidden() == null && request.retention() == null
                                ? Mono.just(created)
                                : mailboxes.configure(id, created.path(), orZero(request.retention()),
                                        Boolean.TRUE.equals(request.hidden()))))
                .map(created -> new MailboxRequests.Created(true, created.id().toHexString()));
    }

    @GetMapping("/users/{user}/mailboxes/{mailbox}")
    Mono<MailboxRequests.Details> get(@PathVariable String user, @PathVariable String mailbox) {
        return access.user(user, MAILBOXES, Action.READ)
                .flatMap(id -> owned.require(id, mailbox))
                .flatMap(found -> details(found, true, true));
    }

    @PutMapping("/users/{user}/mailboxes/{mailbox}")
    Mono<Map<String, Boolean>> update(@PathVariable String user, @PathVariable String mailbox,
            @Valid @RequestBody MailboxRequests.Update request) {
        return access.user(user, MAILBOXES, Action.UPDATE)
                .flatMap(id -> owned.require(id, mailbox).flatMap(found -> apply(id, found, request)))
                .thenReturn(Map.of("success", true));
    }

    @DeleteMapping("/users/{user}/mailboxes/{mailbox}")
    Mono<Map<String, Boolean>> delete(@PathVariable String user, @PathVariable String mailbox) {
        return access.user(user, MAILBOXES, Action.DELETE)
                .flatMap(id -> owned.require(id, mailbox).flatMap(found -> messages.deleteMailbox(id, found.path())))
                .thenReturn(Map.of("success", true));
    }

    /** Rename first (children move along), then the settings on the new path. */
    private Mono<Mailbox> apply(ObjectId user, Mailbox mailbox, MailboxRequests.Update request) {
        Mono<String> path = request.path() == null || Mailbox.normalize(request.path()).equals(mailbox.path())
                ? Mono.just(mailbox.path())
                : mailboxes.rename(user, mailbox.path(), request.path()).then(Mono.just(Mailbox.normalize(request.path())));
        return path.flatMap(current -> {
            Mono<Mailbox> configured = request.hidden() == null && request.retention() == null
                    ? mailboxes.require(user, current)
                    : mailboxes.configure(user, current,
                            request.retention() == null ? mailbox.retention() : request.retention(),
                            request.hidden() == null ? mailbox.hidden() : request.hidden());
            return request.subscribed() == null
                    ? configured
                    : configured.then(mailboxes.subscribe(user, current, request.subscribed()));
        });
    }

    private Mono<MailboxRequests.Details> details(Mailbox mailbox, boolean counters, Boolean success) {
        return counters
                ? listing.counts(mailbox.id()).map(counts -> MailboxRequests.Details.of(mailbox, counts, success))
                : Mono.just(MailboxRequests.Details.of(mailbox, null, success));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
