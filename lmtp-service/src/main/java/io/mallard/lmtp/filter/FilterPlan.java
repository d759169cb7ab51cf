package io.mallard.lmtp.filter;

import java.util.ArrayList;
import java.util.List;

import org.bson.types.ObjectId;

import io.mallard.model.filter.Filter;
import io.mallard.model.filter.FilterAction;
import io.mallard.model.ingest.ParsedMessage;
import io.mallard.model.message.Message;

/**
 * What the user's filters decided for one message: the actions of every matching, enabled filter
 * merged in order (as WildDuck does): flags and deletion add up, the first mailbox named wins,
 * forwards and webhooks collect.
 */
public record FilterPlan(boolean seen, boolean flag, boolean delete, boolean spam, ObjectId mailbox, List<String> forwards,
        List<String> webhooks) {

    public static final FilterPlan NONE = new FilterPlan(false, false, false, false, null, List.of(), List.of());

    public static FilterPlan of(List<Filter> filters, ParsedMessage message) {
        FilterPlan plan = NONE;
        for (Filter filter : filters) {
            if (!filter.disabled() && FilterMatcher.matches(filter.query(), message)) {
                plan = plan.and(filter.action());
            }
        }
        return plan;
    }

    private FilterPlan and(FilterAction action) {
        List<String> allForwards = new ArrayList<>(forwards);
        allForwards.addAll(action.forwards());
        List<String> allWebhooks = new ArrayList<>(webhooks);
        allWebhooks.addAll(action.webhooks());
        return new FilterPlan(seen || action.seen(), flag || action.flag(), delete || action.delete(),
                spam || action.spam(), mailbox != null ? mailbox : action.mailbox(),
                List.copyOf(allForwards), List.copyOf(allWebhooks));
    }

    /** The flags the stored copy starts with. */
    public List<String> flags() {
        List<String> flags = new ArrayList<>();
        if (seen) {
            flags.add(Message.SEEN);
        }
        if (flag) {
            flags.add("\\Flagged");
        }
        return flags;
    }
}
