package io.mallard.api.web;

import java.util.List;
import java.util.function.Function;

import org.bson.types.ObjectId;

import io.mallard.web.ApiException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One page of a listing ordered by document id, with WildDuck's {@code nextCursor} and
 * {@code previousCursor} ({@code false} when there is no such page). A cursor holds the id at the
 * page's edge, so documents created meanwhile never shift a page.
 *
 * @param items the page in listing order
 * @param nextCursor the cursor for {@code next}, or {@code false}
 * @param previousCursor the cursor for {@code previous}, or {@code false}
 */
public record IdPage<T>(List<T> items, Object nextCursor, Object previousCursor) {

    /** Reads up to {@code limit} documents beyond {@code edge} ({@code null}: from the start), or before it when backwards. */
    public interface Reader<T> {
        Flux<T> read(ObjectId edge, boolean backwards, int limit);
    }

    /**
     * The page that {@code next} or {@code previous} (at most one of them) asks for. The reader
     * returns documents in listing order either way; one extra is read to know whether more exist.
     */
    public static <T> Mono<IdPage<T>> of(Reader<T> reader, Function<T, ObjectId> id, int limit, String next,
            String previous) {
        if (next != null && previous != null) {
            return Mono.error(ApiException.invalidInput("next and previous cannot be combined"));
        }
        boolean backwards = previous != null;
        ObjectId edge;
        try {
            edge = next != null ? edge("next", next) : backwards ? edge("previous", previous) : null;
        } catch (ApiException invalid) {
            return Mono.error(invalid);
        }
        return reader.read(edge, backwards, limit + 1).collectList().map(read -> {
            boolean more = read.size() > limit;
            // Backwards, the extra document is the one farthest from the edge: the first.
            List<T> items = backwards && more ? read.subList(1, read.size()) : read.subList(0, Math.min(limit, read.size()));
            Object nextCursor = items.isEmpty() || !backwards && !more ? false : cursor(id.apply(items.get(items.size() - 1)));
            Object previousCursor = items.isEmpty() || edge == null || backwards && !more ? false : cursor(id.apply(items.get(0)));
            return new IdPage<>(List.copyOf(items), nextCursor, previousCursor);
        });
    }

    private static ObjectId edge(String parameter, String cursor) {
        String position = Page.position(parameter, cursor);
        if (!ObjectId.isValid(position)) {
            throw ApiException.invalidInput(parameter + " is not a valid cursor");
        }
        return new ObjectId(position);
    }

    private static String cursor(ObjectId id) {
        return Page.cursor(id.toHexString());
    }
}
