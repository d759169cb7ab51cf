package io.mallard.api.forward;

import java.util.List;
import java.util.stream.IntStream;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.bson.types.ObjectId;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.mallard.api.messages.OwnedMessages;
import io.mallard.api.web.Access;
import io.mallard.web.ApiException;
import io.mallard.model.access.Action;
import io.mallard.model.address.Address;
import io.mallard.model.address.AddressStore;
import io.mallard.model.mail.MessageContent;
import io.mallard.model.message.Message;
import io.mallard.model.outbound.OutboundQueue;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * WildDuck's {@code POST .../messages/{message}/forward}: the stored message, unchanged, sent on to
 * other addresses through the durable outbound queue. The envelope sender is the user's main
 * address, so bounces come back to the user rather than to the original sender.
 */
@RestController
@Tag(name = "Messages")
class ForwardResource {

    /** Recipients per forward, like a submission's. */
    static final int MAX_ADDRESSES = 50;

    private final Access access;
    private final OwnedMessages messages;
    private final MessageContent content;
    private final AddressStore addresses;
    private final OutboundQueue outbound;

    ForwardResource(Access access, OwnedMessages messages, MessageContent content, AddressStore addresses,
            OutboundQueue outbound) {
        this.access = access;
        this.messages = messages;
        this.content = content;
        this.addresses = addresses;
        this.outbound = outbound;
    }

    record Request(@Size(max = MAX_ADDRESSES) List<@NotBlank @Email @Size(max = 320) String> addresses) {
    }

    /** One target, numbered as WildDuck does (three hex digits). */
    record Target(String seq, String type, String value) {
    }

    record Forwarded(boolean success, String queueId, List<Target> forwarded) {
    }

    @PostMapping("/users/{user}/mailboxes/{mailbox}/messages/{message}/forward")
    // No constraint on the path: with one, Spring reports body errors per parameter, not per field.
    Mono<Forwarded> forward(@PathVariable String user, @PathVariable String mailbox, @PathVariable long message,
            @Valid @RequestBody Request request) {
        List<String> to = request.addresses() == null ? List.of() : request.addresses();
        return access.user(user, "messages", Action.CREATE)
                .flatMap(owner -> messages.require(owner, mailbox, message)
                        .flatMap(stored -> to.isEmpty() ? Mono.just(new Forwarded(true, null, List.of()))
                                : enqueue(owner, stored, to).map(queueId -> new Forwarded(true, queueId.toHexString(),
                                        IntStream.range(0, to.size())
                                                .mapToObj(i -> new Target(String.format("%03x", i + 1), "mail", to.get(i)))
                                                .toList()))));
    }

    private Mono<ObjectId> enqueue(ObjectId owner, Message stored, List<String> to) {
        if (stored.size() > OutboundQueue.MAX_RAW) {
            return Mono.error(ApiException.invalidInput("The message is too large to forward"));
        }
        return addresses.mainAddressOf(owner).map(Address::address).defaultIfEmpty("")
                .zipWith(content.bytes(stored))
                .flatMap(found -> outbound.enqueue(found.getT1(), to, found.getT2(), "forward", owner));
    }
}
