package io.mallard.api.search;

import java.time.Instant;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.bson.types.ObjectId;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.mallard.api.mailboxes.OwnedMailboxes;
import io.mallard.api.messages.MessagePages;
import io.mallard.api.messages.MessageViews;
import io.mallard.api.web.Access;
import io.mallard.api.web.CursorWindow;
import io.mallard.api.web.KnownUsers;
import io.mallard.api.web.Page;
import io.mallard.model.access.Action;
import io.mallard.model.message.Message;
import io.mallard.model.message.MessageQuery;
import io.mallard.model.message.MessageSearch;
import io.mallard.model.user.User;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * WildDuck's {@code GET /users/{user}/search}: the user's messages across mailboxes that match
 * every given condition, newest first by default, in cursor pages that stay stable while mail
 * arrives or moves.
 */
@RestController
@Tag(name = "Messages")
class SearchResource {

    private final Access access;
    private final KnownUsers users;
    private final OwnedMailboxes mailboxes;
    private final MessageSearch search;
    private final MessagePages pages;

    SearchResource(Access access, KnownUsers users, OwnedMailboxes mailboxes, MessageSearch search, MessagePages pages) {
        this.access = access;
        this.users = users;
        this.mailboxes = mailboxes;
        this.search = search;
        this.pages = pages;
    }

    /**
     * @param query anywhere in subject, addresses or body text
     * @param datestart received at or after
     * @param unseen {@code true} takes precedence over {@code seen}, as in WildDuck
     */
    @GetMapping("/users/{user}/search")
    Mono<MessageViews.Listing> search(@PathVariable String user,
            @RequestParam(required = false) String mailbox, @RequestParam(required = false) String thread,
            @RequestParam(required = false) @Size(max = 256) String query,
            @RequestParam(required = false) @Size(max = 256) String from,
            @RequestParam(required = false) @Size(max = 256) String to,
            @RequestParam(required = false) @Size(max = 256) String subject,
            @RequestParam(required = false) Instant datestart, @RequestParam(required = false) Instant dateend,
            @RequestParam(required = false) Boolean flagged, @RequestParam(required = false) Boolean unseen,
            @RequestParam(required = false) Boolean seen, @RequestParam(required = false) Boolean attachments,
            @RequestParam(required = false) @Min(0) Long minSize, @RequestParam(required = false) @Min(0) Long maxSize,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @RequestParam(defaultValue = "desc") @Pattern(regexp = "asc|desc", message = "must be asc or desc") String order,
            @RequestParam(required = false) String next, @RequestParam(required = false) String previous) {
        ObjectId threadId = thread == null ? null : Access.id("thread", thread);
        Boolean seenFlag = Boolean.TRUE.equals(unseen) ? Boolean.FALSE : seen;
        CursorWindow.Request page = new CursorWindow.Request(order.equals("asc"), limit, next, previous);
        return access.user(user, "messages", Action.READ)
                .flatMap(users::require)
                .map(User::id)
                .flatMap(owner -> (mailbox == null ? Mono.just(Optional.<ObjectId>empty())
                                : mailboxes.require(owner, mailbox).map(found -> Optional.of(found.id())))
                        .map(in -> new MessageQuery(owner, in.orElse(null), threadId, query, from, to, subject, datestart,
                                dateend, flagged, seenFlag, attachments, minSize, maxSize)))
                .flatMap(matching -> CursorWindow.<ObjectId, Message>read(page, ObjectId::new, found -> found.id().toHexString(),
                                (edge, rising, count) -> search.find(matching, edge, rising, count))
                        .zipWith(search.count(matching))
                        .map(found -> pages.listing(found.getT1(), found.getT2())));
    }
}
