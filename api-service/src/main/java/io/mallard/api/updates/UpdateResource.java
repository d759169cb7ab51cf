package io.mallard.api.updates;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.mallard.api.web.Access;
import io.mallard.model.access.Action;
import io.mallard.model.user.UserStore;
import io.mallard.web.ApiException;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * WildDuck's {@code GET /users/{user}/updates}: an EventSource stream of the user's mailbox
 * changes, resumable with {@code Last-Event-ID} (the header EventSource sends on reconnect, or the
 * query parameter of the same name, as WildDuck accepts it).
 */
@RestController
@Tag(name = "Users")
class UpdateResource {

    private final Access access;
    private final UserStore users;
    private final UpdateStream stream;

    UpdateResource(Access access, UserStore users, UpdateStream stream) {
        this.access = access;
        this.users = users;
        this.stream = stream;
    }

    @GetMapping(value = "/users/{user}/updates", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Mono<ResponseEntity<Flux<ServerSentEvent<UpdateStream.Update>>>> updates(@PathVariable String user,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventHeader,
            @RequestParam(name = "Last-Event-ID", required = false) String lastEventParameter) {
        String lastEvent = lastEventHeader != null ? lastEventHeader : lastEventParameter;
        return access.user(user, "users", Action.READ)
                .flatMap(id -> users.get(id)
                        .switchIfEmpty(Mono.error(() -> ApiException.notFound("UserNotFound", "This user does not exist"))))
                .map(found -> ResponseEntity.ok()
                        // Proxies such as nginx would otherwise buffer the stream.
                        .header("X-Accel-Buffering", "no")
                        .header("Cache-Control", "no-cache")
                        .body(stream.open(found.id(), position(lastEvent))));
    }

    private static EventPosition position(String lastEvent) {
        if (lastEvent == null || lastEvent.isBlank()) {
            return null;
        }
        try {
            return EventPosition.parse(lastEvent.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidInput("Last-Event-ID is not an event id of this stream");
        }
    }
}
