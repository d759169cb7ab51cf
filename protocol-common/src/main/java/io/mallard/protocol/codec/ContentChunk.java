package io.mallard.protocol.codec;

import java.util.Arrays;

/** A piece of a literal, a counted block (BDAT) or a dot-terminated block, in wire order. */
public record ContentChunk(byte[] data) implements Frame {

    public ContentChunk {
        data = data.clone();
    }

    /** A copy, so that the record stays immutable. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    public int length() {
        return data.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContentChunk chunk && Arrays.equals(data, chunk.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ContentChunk[" + data.length + " bytes]";
    }
}
