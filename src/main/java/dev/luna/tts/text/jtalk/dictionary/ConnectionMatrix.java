package dev.luna.tts.text.jtalk.dictionary;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/** matrix.bin: uint16 lsize, uint16 rsize, then int16 costs indexed rcAttr(left node) + lsize · lcAttr(right node). */
public final class ConnectionMatrix {

    private final ByteBuffer costs;
    private final int leftSize;
    private final int rightSize;

    private ConnectionMatrix(ByteBuffer costs, int leftSize, int rightSize) {
        this.costs = costs;
        this.leftSize = leftSize;
        this.rightSize = rightSize;
    }

    static ConnectionMatrix open(Path file) {
        ByteBuffer whole = MappedFile.map(file);
        int size = whole.capacity();
        if (size < 4) {
            throw DictionaryException.of(file, "file is truncated (" + size + " bytes)");
        }
        int lsize = whole.getShort(0) & 0xffff;
        int rsize = whole.getShort(2) & 0xffff;
        long expected = 2L * ((long) lsize * rsize + 2);
        if (expected != size) {
            throw DictionaryException.of(file, "matrix " + lsize + "x" + rsize + " needs " + expected
                    + " bytes but the file has " + size + " (corrupt or truncated)");
        }
        return new ConnectionMatrix(MappedFile.slice(whole, 4, size - 4), lsize, rsize);
    }

    public int leftSize() {
        return leftSize;
    }

    public int rightSize() {
        return rightSize;
    }

    /** Transition cost from a node with right context {@code rightIdOfLeft} to one with left context {@code leftIdOfRight}. */
    public int cost(int rightIdOfLeft, int leftIdOfRight) {
        return costs.getShort(2 * (rightIdOfLeft + leftSize * leftIdOfRight));
    }
}
