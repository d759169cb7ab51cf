package io.mallard.api.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.bson.types.ObjectId;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.mallard.api.web.Access;
import io.mallard.api.web.IdPage;
import io.mallard.api.web.Page;
import io.mallard.model.access.Action;
import io.mallard.model.audit.AuditEntry;
import io.mallard.model.audit.AuditLog;
import io.mallard.model.audit.AuditQuery;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

/**
 * {@code GET /audit}: the administrative writes {@link AuditFilter} recorded, newest first, for
 * the roles that may read the audit (root, audit, auditclient).
 */
@RestController
@Tag(name = "Audit")
class AuditResource {

    private final Access access;
    private final AuditLog audit;

    AuditResource(Access access, AuditLog audit) {
        this.access = access;
        this.audit = audit;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Actor(String token, String role, String subject, String user) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Entry(String id, Instant time, Actor actor, String action, String method, String route,
            Map<String, String> targets, String user, int status, String ip, String forwardedFor) {

        static Entry of(AuditEntry entry) {
            AuditEntry.Actor actor = entry.actor();
            return new Entry(entry.id().toHexString(), entry.time(), new Actor(actor.token(), actor.role(),
                    actor.subject(), hex(actor.user())), entry.action(), entry.method(), entry.route(), entry.targets(),
                    hex(entry.user()), entry.status(), entry.ip(), entry.forwardedFor());
        }
    }

    record Listing(boolean success, Object nextCursor, Object previousCursor, List<Entry> results) {
    }

    /**
     * @param actor the caller's name: a username, a tool token's name, or {@code root}
     * @param token the caller's token id
     * @param user the id of the user the requests were about
     * @param action {@code METHOD route}, e.g. {@code DELETE /users/{user}}
     * @param from entries at or after this instant (ISO 8601)
     * @param to entries before this instant
     */
    @GetMapping("/audit")
    Mono<Listing> list(@RequestParam(required = false) @Size(max = 256) String actor,
            @RequestParam(required = false) @Pattern(regexp = "[0-9a-f]{64}", message = "must be a token id") String token,
            @RequestParam(required = false) @Pattern(regexp = "[0-9a-fA-F]{24}", message = "must be a 24 character hex id")
            String user,
            @RequestParam(required = false) @Size(max = 512) String action,
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(defaultValue = "20") @Min(1) @Max(Page.MAX_LIMIT) int limit,
            @RequestParam(required = false) String next, @RequestParam(required = false) String previous) {
        AuditQuery query = new AuditQuery(actor, token, user == null ? null : new ObjectId(user), action, from, to);
        return access.any("audit", Action.READ)
                .then(IdPage.of((edge, backwards, count) -> audit.page(query, edge, backwards, count), AuditEntry::id,
                        limit, next, previous))
                .map(page -> new Listing(true, page.nextCursor(), page.previousCursor(),
                        page.items().stream().map(Entry::of).toList()));
    }

    private static String hex(ObjectId id) {
        return id == null ? null : id.toHexString();
    }
}
