package io.mallard.api.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import io.mallard.web.ApiException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One page of a listing in a stable key order, with WildDuck's {@code next}/{@code previous}
 * cursors at its edges. A cursor holds the key of the item at the page's edge, so a page is
 * "items beyond this key": items that arrive meanwhile take keys beyond every cursor and never
 * shift a page, and walking {@code next} then {@code previous} visits each item exactly once.
 */
public final class CursorWindow {

    private CursorWindow() {
    }

    /**
     * @param ascending the listing's order
     * @param next the cursor of the page after, or null
     * @param previous the cursor of the page before, or null
     */
    public record Request(boolean ascending, int limit, String next, String previous) {
    }

    /** Reads the listing for a page. */
    @FunctionalInterface
    public interface Reader<K, T> {

        /** Up to {@code count} items strictly beyond {@code edge} (null: from the start), by rising or falling key. */
        Flux<T> read(K edge, boolean rising, int count);
    }

    /** WildDuck sends {@code false} rather than null for a missing cursor. */
    public record Window<T>(List<T> items, Object nextCursor, Object previousCursor) {
    }

    /**
     * Reads the page the request names.
     *
     * @param parse a cursor's key from its text; throws {@link IllegalArgumentException} for one that is not ours
     * @param keyOf an item's key as text
     */
    public static <K, T> Mono<Window<T>> read(Request request, Function<String, K> parse, Function<T, String> keyOf,
            Reader<K, T> reader) {
        if (request.next() != null && request.previous() != null) {
            return Mono.error(ApiException.invalidInput("next and previous cannot be combined"));
        }
        boolean backwards = request.previous() != null;
        K edge;
        try {
            edge = backwards ? edge("previous", request.previous(), parse)
                    : request.next() == null ? null : edge("next", request.next(), parse);
        } catch (ApiException invalid) {
            return Mono.error(invalid);
        }
        boolean hasEdge = edge != null;
        int limit = request.limit();
        // Reading backwards through a descending list is reading forwards by key, and so on.
        return reader.read(edge, request.ascending() != backwards, limit + 1).collectList().map(read -> {
            boolean more = read.size() > limit;
            List<T> items = new ArrayList<>(read.subList(0, Math.min(limit, read.size())));
            if (backwards) {
                Collections.reverse(items);
            }
            Object nextCursor = backwards || more ? edgeOf(items, false, keyOf) : false;
            Object previousCursor = backwards ? (more ? edgeOf(items, true, keyOf) : false)
                    : hasEdge ? edgeOf(items, true, keyOf) : false;
            return new Window<>(List.copyOf(items), nextCursor, previousCursor);
        });
    }

    private static <T> Object edgeOf(List<T> items, boolean first, Function<T, String> keyOf) {
        if (items.isEmpty()) {
            return false;
        }
        return Page.cursor(keyOf.apply(items.get(first ? 0 : items.size() - 1)));
    }

    private static <K> K edge(String parameter, String cursor, Function<String, K> parse) {
        try {
            return parse.apply(Page.position(parameter, cursor));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidInput(parameter + " is not a valid cursor");
        }
    }
}
