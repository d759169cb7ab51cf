package io.mallard.model.ingest.content;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.mallard.model.ingest.MimePart;

/**
 * Decides which byte ranges of a raw message go to GridFS and which stay inline. Attachment
 * bodies (as encoded in the raw message, so that they are deduplicated across messages and the
 * original bytes come back unchanged) and any other large body become blobs; what stays inline
 * is bounded so the message document stays far below MongoDB's 16 MB limit.
 */
final class ContentSegmenter {

    /** Smaller attachments are cheaper inline than as a GridFS file plus a reference count. */
    static final int MIN_ATTACHMENT_BLOB = 4 * 1024;
    /** Any single inline run past this goes to GridFS, attachment or not. */
    static final int MAX_INLINE_RUN = 256 * 1024;
    /** Total inline bytes allowed in one message document. */
    static final int MAX_INLINE_TOTAL = 1024 * 1024;

    /** A planned range of the raw message; {@code blob} says whether it goes to GridFS. */
    record Range(int from, int to, boolean blob) {

        int length() {
            return to - from;
        }
    }

    private ContentSegmenter() {
    }

    static List<Range> plan(int size, MimePart tree, Set<String> attachmentParts) {
        List<Range> blobs = new ArrayList<>();
        leaves(tree, attachmentParts, blobs);
        blobs.sort(Comparator.comparingInt(Range::from));
        List<Range> ranges = new ArrayList<>();
        int at = 0;
        for (Range blob : blobs) {
            if (blob.from() < at) {
                continue; // nested in a range already taken
            }
            addInline(ranges, at, blob.from());
            ranges.add(blob);
            at = blob.to();
        }
        addInline(ranges, at, size);
        return capInline(ranges);
    }

    private static void leaves(MimePart part, Set<String> attachmentParts, List<Range> blobs) {
        int length = (int) (part.end() - part.bodyStart());
        boolean attachment = attachmentParts.contains(part.section().isEmpty() ? "1" : part.section());
        if (part.message() != null && attachment && length >= MIN_ATTACHMENT_BLOB) {
            // A forwarded message is deduplicated whole, like any other attachment.
            blobs.add(new Range((int) part.bodyStart(), (int) part.end(), true));
            return;
        }
        if (part.message() != null) {
            leaves(part.message(), attachmentParts, blobs);
            return;
        }
        if (!part.parts().isEmpty()) {
            part.parts().forEach(child -> leaves(child, attachmentParts, blobs));
            return;
        }
        if (length >= MAX_INLINE_RUN || (attachment && length >= MIN_ATTACHMENT_BLOB)) {
            blobs.add(new Range((int) part.bodyStart(), (int) part.end(), true));
        }
    }

    /** Inline runs longer than {@link #MAX_INLINE_RUN} (huge headers, preambles) are split into blobs. */
    private static void addInline(List<Range> ranges, int from, int to) {
        for (int at = from; at < to; at += MAX_INLINE_RUN) {
            int end = Math.min(to, at + MAX_INLINE_RUN);
            ranges.add(new Range(at, end, end - at == MAX_INLINE_RUN));
        }
    }

    /** Moves the largest inline runs to GridFS until the inline total fits one document. */
    private static List<Range> capInline(List<Range> ranges) {
        long inline = ranges.stream().filter(range -> !range.blob()).mapToLong(Range::length).sum();
        List<Range> bySize = new ArrayList<>(ranges.stream().filter(range -> !range.blob()).toList());
        bySize.sort(Comparator.comparingInt(Range::length).reversed());
        List<Range> result = new ArrayList<>(ranges);
        for (Range range : bySize) {
            if (inline <= MAX_INLINE_TOTAL) {
                break;
            }
            result.set(result.indexOf(range), new Range(range.from(), range.to(), true));
            inline -= range.length();
        }
        return result;
    }
}
