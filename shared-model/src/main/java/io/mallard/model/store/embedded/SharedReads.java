package io.mallard.model.store.embedded;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import de.bwaldvogel.mongo.bson.Document;

/**
 * The reads that may answer with the stored documents themselves rather than copies of them.
 * Stored documents are never changed in place: an update starts from a copy (see
 * {@link IndexedH2Collection#createQueryResult}) and stores that copy as a new object. So a
 * reply that only encodes what it read needs no copy of its own; what must keep copying is every
 * command that changes documents, and an aggregation with a stage that changes its input (as
 * {@code $addFields} does to nested documents). Under a listing load, copying the documents of
 * finds and counts was most of the store's work.
 */
final class SharedReads {

    private static final Set<String> COMMANDS = Set.of("find", "count");
    /** Stages that build new documents or pass their input on unchanged. */
    private static final Set<String> STAGES = Set.of("$match", "$group", "$sort", "$skip", "$limit", "$count",
            "$project");
    private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> false);

    private SharedReads() {
    }

    /** Whether the command only reads and encodes. */
    static boolean allows(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (COMMANDS.contains(name)) {
            return true;
        }
        return name.equals("aggregate") && query.get("pipeline") instanceof List<?> pipeline
                && pipeline.stream().allMatch(stage -> stage instanceof Document document && document.size() == 1
                        && STAGES.contains(document.keySet().iterator().next()));
    }

    /** Runs a command that {@link #allows}, on this thread, with sharing on. */
    static <T> T during(Supplier<T> command) {
        ACTIVE.set(true);
        try {
            return command.get();
        } finally {
            ACTIVE.set(false);
        }
    }

    /** Whether the command running on this thread may share stored documents. */
    static boolean active() {
        return ACTIVE.get();
    }
}
