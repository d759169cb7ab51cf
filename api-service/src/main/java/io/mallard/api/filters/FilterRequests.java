package io.mallard.api.filters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.bson.types.ObjectId;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.mallard.model.filter.Filter;
import io.mallard.model.filter.FilterAction;
import io.mallard.model.filter.FilterQuery;

/** Bodies of the filter resource, with WildDuck's field names ({@code ha}, {@code targets}). */
final class FilterRequests {

    /** An address to forward to, or a URL the message is POSTed to; SMTP relay URLs are not supported. */
    static final String TARGET = "[^@\\s]+@[^@\\s]+|(?i)https?://\\S+";

    private FilterRequests() {
    }

    /**
     * When a filter matches: every condition given must hold.
     *
     * @param ha whether the message has (true) or lacks (false) attachments
     * @param size positive: larger than this many bytes; negative: smaller than its absolute value
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Query(@Size(max = 255) String from, @Size(max = 255) String to, @Size(max = 255) String subject,
            @Size(max = 255) String listId, @Size(max = 255) String text, Boolean ha, Long size) {

        FilterQuery toModel() {
            return new FilterQuery(clean(from), clean(to), clean(subject), clean(listId), clean(text), ha,
                    size == null || size == 0 ? null : size);
        }

        static Query of(FilterQuery query) {
            return new Query(query.from(), query.to(), query.subject(), query.listId(), query.text(),
                    query.hasAttachment(), query.size());
        }
    }

    /**
     * What a matching filter does.
     *
     * @param mailbox id of the user's mailbox to store into instead of INBOX
     * @param targets addresses to forward to and http(s) URLs to POST the message to
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Action(Boolean seen, Boolean flag, Boolean delete, Boolean spam,
            @Pattern(regexp = "[0-9a-fA-F]{24}", message = "must be a 24 character hex id") String mailbox,
            @Size(max = 50) List<@NotNull @Size(max = 255) @Pattern(regexp = TARGET,
                    message = "must be an email address or an http(s) URL") String> targets) {

        FilterAction toModel() {
            List<String> forwards = new ArrayList<>();
            List<String> webhooks = new ArrayList<>();
            if (targets != null) {
                targets.forEach(target -> (target.contains("://") ? webhooks : forwards).add(target.trim()));
            }
            return new FilterAction(Boolean.TRUE.equals(seen), Boolean.TRUE.equals(flag), Boolean.TRUE.equals(delete),
                    Boolean.TRUE.equals(spam), mailbox == null ? null : new ObjectId(mailbox), forwards, webhooks);
        }

        /** Only the actions that are on, as WildDuck shows them. */
        static Action of(FilterAction action) {
            List<String> targets = new ArrayList<>(action.forwards());
            targets.addAll(action.webhooks());
            return new Action(action.seen() ? true : null, action.flag() ? true : null, action.delete() ? true : null,
                    action.spam() ? true : null, action.mailbox() == null ? null : action.mailbox().toHexString(),
                    targets.isEmpty() ? null : targets);
        }
    }

    record Create(@Size(max = 255) String name, @NotNull @Valid Query query, @NotNull @Valid Action action,
            Boolean disabled) {
    }

    /** A given {@code query} or {@code action} replaces the old one whole; absent fields stay. */
    record Update(@Size(max = 255) String name, @Valid Query query, @Valid Action action, Boolean disabled) {
    }

    record Created(boolean success, String id) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Details(Boolean success, String id, String user, String name, Query query, Action action, boolean disabled,
            Instant created) {

        /** @param withUser the owner's id, shown in platform-wide listings */
        static Details of(Filter filter, Boolean success, boolean withUser) {
            return new Details(success, filter.id().toHexString(), withUser ? filter.user().toHexString() : null,
                    filter.name(), Query.of(filter.query()), Action.of(filter.action()), filter.disabled(),
                    filter.created());
        }
    }

    record Limits(long allowed, long used) {
    }

    record Listing(boolean success, Limits limits, List<Details> results) {
    }

    /** WildDuck sends {@code false} rather than null for a missing cursor. */
    record Page(boolean success, Object nextCursor, Object previousCursor, List<Details> results) {
    }

    /** Whitespace runs become one space, as WildDuck stores header conditions; blank means no condition. */
    private static String clean(String value) {
        if (value == null) {
            return null;
        }
        String cleaned = value.trim().replaceAll("\\s+", " ");
        return cleaned.isEmpty() ? null : cleaned;
    }
}
