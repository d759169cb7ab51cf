package io.mallard.api.submit;

import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.mallard.api.web.Access;
import io.mallard.model.access.Action;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * WildDuck's {@code POST /users/{user}/submit}: a message composed from JSON, its copy stored in
 * the user's Sent mailbox, and the message queued durably for the SMTP relay ({@code mallard.relay.*}).
 */
@RestController
@Tag(name = "Submission")
class SubmitResource {

    private final Access access;
    private final Sender sender;

    SubmitResource(Access access, Sender sender) {
        this.access = access;
        this.sender = sender;
    }

    @PostMapping("/users/{user}/submit")
    Mono<SubmitRequests.Submitted> submit(@PathVariable String user, @Valid @RequestBody SubmitRequests.Submission request) {
        return access.user(user, "messages", Action.CREATE)
                .flatMap(owner -> sender.send(owner, request))
                .map(stored -> new SubmitRequests.Submitted(true, stored));
    }
}
