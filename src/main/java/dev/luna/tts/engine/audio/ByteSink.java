package dev.luna.tts.engine.audio;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Growable byte buffer with the little-endian writers the containers need. */
final class ByteSink {

    private byte[] buf;
    private int len;

    ByteSink(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    void put(int b) {
        ensure(1);
        buf[len++] = (byte) b;
    }

    void put(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    void put(byte[] b) {
        put(b, 0, b.length);
    }

    void ascii(String s) {
        put(s.getBytes(StandardCharsets.US_ASCII));
    }

    void le16(int v) {
        put(v);
        put(v >>> 8);
    }

    void le32(int v) {
        le16(v);
        le16(v >>> 16);
    }

    void le64(long v) {
        le32((int) v);
        le32((int) (v >>> 32));
    }

    int size() {
        return len;
    }

    byte[] array() {
        return buf;
    }

    void clear() {
        len = 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }
}
