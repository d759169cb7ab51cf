package io.mallard.api.deletedusers;

import java.time.Instant;
import java.util.List;

import org.bson.types.ObjectId;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.mallard.api.web.Access;
import io.mallard.web.ApiException;
import io.mallard.model.access.Action;
import io.mallard.model.user.DeletedUser;
import io.mallard.model.user.DeletedUserStore;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * WildDuck's {@code /users/{user}/restore}: what a deleted user in its grace period would get
 * back, and getting it back. Once the purge has started there is nothing to restore.
 */
@RestController
@Tag(name = "Users")
class DeletedUserResource {

    private static final String USERS = "users";

    private final Access access;
    private final DeletedUserStore deleted;

    DeletedUserResource(Access access, DeletedUserStore deleted) {
        this.access = access;
        this.deleted = deleted;
    }

    record Info(boolean success, String user, String username, long storageUsed, List<String> tags, Instant deleted,
            Instant deleteAfter, List<String> recoverableAddresses) {
    }

    record Recovered(int recovered, String main) {
    }

    record Restored(boolean success, String code, String user, Recovered addresses) {
    }

    @GetMapping("/users/{user}/restore")
    Mono<Info> info(@PathVariable String user) {
        return access.user(user, USERS, Action.READ)
                .flatMap(this::pending)
                .flatMap(found -> deleted.recoverable(found).collectList().map(recoverable -> new Info(true,
                        found.id().toHexString(), found.username(), found.storageUsed(), found.tags(), found.deletedAt(),
                        found.deleteAfter(), recoverable)));
    }

    @PostMapping("/users/{user}/restore")
    Mono<Restored> restore(@PathVariable String user) {
        return access.user(user, USERS, Action.UPDATE)
                .flatMap(this::pending)
                .flatMap(found -> deleted.restore(found.id())
                        // The purge claimed it between the two reads.
                        .switchIfEmpty(Mono.error(DeletedUserResource::purging))
                        .map(restored -> new Restored(true, "TaskCancelled", found.id().toHexString(),
                                new Recovered(restored.addresses(), restored.main()))));
    }

    /** The deleted user while it can still be restored: 404 when there is none, 400 once the purge runs. */
    private Mono<DeletedUser> pending(ObjectId id) {
        return deleted.get(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("AccountNotFound", "Deleted account was not found")))
                .flatMap(found -> found.purging() ? Mono.error(purging()) : Mono.just(found));
    }

    private static ApiException purging() {
        return new ApiException(HttpStatus.BAD_REQUEST, "DeleteInProgress", "Deletion already in progress");
    }
}
