package dev.luna.tts.text.jtalk.dictionary;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** NUL-terminated UTF-8 feature CSVs, addressed by byte offset. */
public final class FeatureTable {

    private final ByteBuffer features;

    FeatureTable(ByteBuffer features) {
        this.features = features;
    }

    /** The feature starting at {@code offset}; a string running off the end is cut there. */
    public String feature(int offset) {
        int limit = features.capacity();
        if (offset < 0 || offset >= limit) {
            return "";
        }
        int end = offset;
        while (end < limit && features.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - offset];
        features.get(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
