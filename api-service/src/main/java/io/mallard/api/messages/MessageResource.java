package io.mallard.api.messages;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

import org.bson.types.ObjectId;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.mallard.api.mailboxes.OwnedMailboxes;
import io.mallard.api.web.Access;
import io.mallard.api.web.ApiProperties;
import io.mallard.api.web.Page;
import io.mallard.model.access.Action;
import io.mallard.model.mail.MessageAppender;
import io.mallard.model.mail.MessageContent;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.message.FlagOperation;
import io.mallard.model.message.FlagStore;
import io.mallard.model.message.MailStorage;
import io.mallard.model.message.Message;
import io.mallard.model.message.MessageListing;
import io.mallard.model.message.MessageStore;
import io.mallard.web.ApiException;
import io.mallard.web.BoundedBody;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** WildDuck's {@code /users/{user}/mailboxes/{mailbox}/messages}; a message is named by its UID. */
@RestController
@Tag(name = "Messages")
class MessageResource {

    private static final String MESSAGES = "messages";
    private static final String BASE = "/users/{user}/mailboxes/{mailbox}/messages";
    private static final MediaType RFC822 = MediaType.parseMediaType("message/rfc822");

    private final Access access;
    private final OwnedMailboxes mailboxes;
    private final MessagePages pages;
    private final MessageListing listing;
    private final MessageContent content;
    private final MessageAppender appender;
    private final MessageStore messages;
    private final FlagStore flags;
    private final long maxMessage;

    MessageResource(Access access, OwnedMailboxes mailboxes, MessagePages pages, MailStorage storage,
            MessageContent content, MessageAppender appender, ApiProperties properties) {
        this.access = access;
        this.mailboxes = mailboxes;
        this.pages = pages;
        this.listing = storage.listing();
        this.content = content;
        this.appender = appender;
        this.messages = storage.messages();
        this.flags = storage.flags();
        this.maxMessage = properties.maxMessage().toBytes();
    }

    @GetMapping(BASE)
    Mono<MessageViews.Listing> list(@PathVariable String user, @PathVariable String mailbox,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @RequestParam(defaultValue = "desc") @Pattern(regexp = "asc|desc", message = "must be asc or desc") String order,
            @RequestParam(required = false) String next, @RequestParam(required = false) String previous) {
        return mailbox(user, mailbox, Action.READ)
                .flatMap(found -> pages.page(found, order.equals("asc"), limit, next, previous));
    }

    @GetMapping(BASE + "/{message}")
    Mono<MessageViews.Details> get(@PathVariable String user, @PathVariable String mailbox,
            @PathVariable @Min(1) long message) {
        return mailbox(user, mailbox, Action.READ)
                .flatMap(found -> message(found, message))
                .flatMap(stored -> {
                    var parsed = content.parsed(stored);
                    return DataBufferUtils.join(raw(content.raw(stored, 0, parsed.mimeTree().bodyStart())))
                            .map(block -> MessageViews.Details.of(stored, parsed, HeaderLines.parse(bytes(block))));
                });
    }

    /** The exact bytes that were stored, streamed: no parse, no re-encoding. */
    @GetMapping(value = BASE + "/{message}/message.eml", produces = "message/rfc822")
    Mono<ResponseEntity<Flux<DataBuffer>>> raw(@PathVariable String user,
            @PathVariable String mailbox, @PathVariable @Min(1) long message) {
        return mailbox(user, mailbox, Action.READ)
                .flatMap(found -> message(found, message))
                .map(stored -> ResponseEntity.ok().contentType(RFC822).contentLength(stored.size())
                        .body(raw(content.raw(stored))));
    }

    /** A raw RFC 5322 message as the request body, stored as it is. */
    @PostMapping(BASE)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(mediaType = "message/rfc822", schema = @Schema(type = "string", format = "binary")))
    Mono<MessageViews.Uploaded> upload(ServerHttpRequest http, @PathVariable String user, @PathVariable String mailbox,
            @RequestParam(defaultValue = "false") boolean unseen, @RequestParam(defaultValue = "false") boolean flagged,
            @RequestParam(defaultValue = "false") boolean draft, @RequestParam(required = false) Instant date) {
        List<String> initial = new ArrayList<>();
        if (!unseen) {
            initial.add(Message.SEEN);
        }
        if (flagged) {
            initial.add(MessageViews.FLAGGED);
        }
        if (draft) {
            initial.add(MessageViews.DRAFT);
        }
        return mailbox(user, mailbox, Action.CREATE)
                .flatMap(found -> BoundedBody.read(http, maxMessage, "The message")
                        .flatMap(raw -> appender.append(found.id(), raw, List.copyOf(initial),
                                date == null ? Instant.now() : date)))
                .map(stored -> new MessageViews.Uploaded(true,
                        new MessageViews.UploadedMessage(stored.uid(), stored.mailbox().toHexString(), stored.size())));
    }

    @PutMapping(BASE)
    Mono<Object> update(@PathVariable String user, @PathVariable String mailbox,
            @Valid @RequestBody MessageRequests.Update request) {
        UidSet set = UidSet.parse(request.message());
        return access.user(user, MESSAGES, Action.UPDATE)
                .flatMap(owner -> mailboxes.require(owner, mailbox).flatMap(found -> Flux.fromIterable(set.ranges())
                        .concatMap(range -> listing.range(found.id(), range.from(), range.to()).map(Message::uid))
                        .distinct().collectList()
                        .flatMap(uids -> request.moveTo() == null
                                ? setFlags(found, uids, request)
                                : move(owner, found, uids, request.moveTo()))));
    }

    @DeleteMapping(BASE + "/{message}")
    Mono<Map<String, Boolean>> delete(@PathVariable String user, @PathVariable String mailbox,
            @PathVariable @Min(1) long message) {
        return mailbox(user, mailbox, Action.DELETE)
                .flatMap(found -> messages.delete(found.id(), message))
                .map(uid -> Map.of("success", true))
                .switchIfEmpty(Mono.error(MessageResource::notFound));
    }

    private Mono<Object> setFlags(Mailbox mailbox, List<Long> uids, MessageRequests.Update request) {
        List<String> add = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        sort(request.seen(), Message.SEEN, add, remove);
        sort(request.flagged(), MessageViews.FLAGGED, add, remove);
        sort(request.deleted(), Message.DELETED, add, remove);
        sort(request.draft(), MessageViews.DRAFT, add, remove);
        sort(request.answered(), MessageViews.ANSWERED, add, remove);
        Mono<Void> added = add.isEmpty() ? Mono.empty() : flags.update(mailbox.id(), uids, FlagOperation.ADD, add, -1).then();
        Mono<Void> removed = remove.isEmpty() ? Mono.empty()
                : flags.update(mailbox.id(), uids, FlagOperation.REMOVE, remove, -1).then();
        return added.then(removed).thenReturn(new MessageViews.Updated(true, uids.size()));
    }

    private Mono<Object> move(ObjectId owner, Mailbox from, List<Long> uids, String moveTo) {
        return mailboxes.require(owner, moveTo)
                .flatMap(target -> messages.move(from.id(), uids, target.id())
                        .map(transfer -> List.of(transfer.sourceUid(), transfer.target().uid()))
                        .collectList()
                        .map(moved -> new MessageViews.Moved(true, target.id().toHexString(), moved)));
    }

    private static void sort(Boolean wanted, String flag, List<String> add, List<String> remove) {
        if (wanted != null) {
            (wanted ? add : remove).add(flag);
        }
    }

    private Mono<Mailbox> mailbox(String user, String mailbox, Action action) {
        return access.user(user, MESSAGES, action).flatMap(owner -> mailboxes.require(owner, mailbox));
    }

    private Mono<Message> message(Mailbox mailbox, long uid) {
        return listing.range(mailbox.id(), uid, uid).next().switchIfEmpty(Mono.error(MessageResource::notFound));
    }

    private static byte[] bytes(DataBuffer joined) {
        byte[] bytes = new byte[joined.readableByteCount()];
        joined.read(bytes);
        DataBufferUtils.release(joined);
        return bytes;
    }

    private static Flux<DataBuffer> raw(Flux<ByteBuffer> bytes) {
        return bytes.map(DefaultDataBufferFactory.sharedInstance::wrap);
    }

    private static ApiException notFound() {
        return ApiException.notFound("MessageNotFound", "This message does not exist");
    }
}
