package dev.luna.tts.text.jtalk.dictionary;

import java.nio.ByteBuffer;

/**
 * Darts double array as MeCab stores it: 8-byte units {int32 base, uint32 check}, keys are raw bytes.
 * A transition on byte c goes from base b to p = b + c + 1 when check[p] == b; a key ends at b when
 * check[b] == b and base[b] < 0, with value −base − 1.
 */
public final class DoubleArray {

    private final ByteBuffer units;
    private final int unitCount;

    DoubleArray(ByteBuffer units) {
        this.units = units;
        this.unitCount = units.capacity() / 8;
    }

    private int base(int p) {
        return units.getInt(p * 8);
    }

    private int check(int p) {
        return units.getInt(p * 8 + 4);
    }

    private boolean valid(long p) {
        return p >= 0 && p < unitCount;
    }

    /**
     * MeCab's commonPrefixSearch: every key that is a prefix of {@code key[from, from + length)}, shortest
     * first. Writes values and matched byte lengths, returns the number found (at most values.length).
     */
    public int commonPrefixSearch(byte[] key, int from, int length, int[] values, int[] lengths) {
        int found = 0;
        int b = base(0);
        for (int i = 0; i < length; i++) {
            if (valid(b) && check(b) == b) {
                int n = base(b);
                if (n < 0 && found < values.length) {
                    values[found] = -n - 1;
                    lengths[found++] = i;
                }
            }
            long p = (long) b + (key[from + i] & 0xff) + 1;
            if (!valid(p) || check((int) p) != b) {
                return found;
            }
            b = base((int) p);
        }
        if (valid(b) && check(b) == b) {
            int n = base(b);
            if (n < 0 && found < values.length) {
                values[found] = -n - 1;
                lengths[found++] = length;
            }
        }
        return found;
    }

    /** The value stored for exactly {@code key}, or −1. */
    public int exactMatch(byte[] key) {
        int b = base(0);
        for (byte c : key) {
            long p = (long) b + (c & 0xff) + 1;
            if (!valid(p) || check((int) p) != b) {
                return -1;
            }
            b = base((int) p);
        }
        if (!valid(b) || check(b) != b) {
            return -1;
        }
        int n = base(b);
        return n < 0 ? -n - 1 : -1;
    }
}
