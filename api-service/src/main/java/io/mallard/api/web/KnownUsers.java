package io.mallard.api.web;

import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

import io.mallard.model.user.User;
import io.mallard.model.user.UserStore;
import io.mallard.web.ApiException;
import reactor.core.publisher.Mono;

/** The user a request is about, or WildDuck's 404 {@code UserNotFound}; checked after {@link Access}. */
@Component
public class KnownUsers {

    private final UserStore users;

    KnownUsers(UserStore users) {
        this.users = users;
    }

    public Mono<User> require(ObjectId id) {
        return users.get(id).switchIfEmpty(Mono.error(() -> ApiException.notFound("UserNotFound",
                "This user does not exist")));
    }
}
