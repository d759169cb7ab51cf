package io.mallard.api.quota;

import java.util.List;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.mallard.api.web.Access;
import io.mallard.web.ApiException;
import io.mallard.model.access.Action;
import io.mallard.model.message.MailStorage;
import io.mallard.model.quota.QuotaLedger;
import io.mallard.model.user.UserPage;
import io.mallard.model.user.UserQuery;
import io.mallard.model.user.UserStore;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * WildDuck's quota recalculation: {@code storageUsed} set to the sum of the user's message sizes,
 * for when a crash left the ledger off. Not transactional, as in WildDuck: mail stored or
 * removed during the count may be counted or not.
 */
@RestController
@Tag(name = "Users")
class QuotaResource {

    private static final String USERS = "users";
    /** Users read per page while recalculating everyone, so the listing never sits whole in memory. */
    private static final int PAGE = 100;

    private final Access access;
    private final UserStore users;
    private final QuotaLedger quota;

    QuotaResource(Access access, UserStore users, MailStorage storage) {
        this.access = access;
        this.users = users;
        this.quota = storage.quota();
    }

    record Recalculated(boolean success, long storageUsed, long previousStorageUsed) {
    }

    record AllRecalculated(boolean success, long users) {
    }

    @PostMapping("/users/{user}/quota/reset")
    Mono<Recalculated> reset(@PathVariable String user) {
        return access.user(user, USERS, Action.UPDATE)
                .flatMap(id -> users.get(id)
                        .switchIfEmpty(Mono.error(() -> ApiException.notFound("UserNotFound", "This user does not exist"))))
                .flatMap(found -> quota.recalculate(found.id())
                        .map(total -> new Recalculated(true, total, found.storageUsed())));
    }

    /** Every user in turn, page by page, one at a time: a background chore must not crowd out the store. */
    @PostMapping("/quota/reset")
    Mono<AllRecalculated> resetAll() {
        return access.any(USERS, Action.UPDATE)
                .then(page(null).expand(page -> page.next() == null ? Mono.empty() : page(page.next()))
                        .concatMapIterable(UserPage::users)
                        .concatMap(found -> quota.recalculate(found.id()))
                        .count())
                .map(count -> new AllRecalculated(true, count));
    }

    private Mono<UserPage> page(String after) {
        return users.list(new UserQuery(null, List.of()), after, PAGE);
    }
}
