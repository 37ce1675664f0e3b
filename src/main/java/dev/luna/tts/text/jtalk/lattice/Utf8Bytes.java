package dev.luna.tts.text.jtalk.lattice;

import java.util.Arrays;

/** UTF-8 encoding that drops lone surrogates (they have no UTF-8 form) instead of substituting '?'. */
final class Utf8Bytes {

    private Utf8Bytes() {
    }

    static byte[] encode(String s) {
        byte[] out = new byte[s.length() * 3];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[n++] = (byte) c;
            } else if (c < 0x800) {
                out[n++] = (byte) (0xc0 | c >> 6);
                out[n++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    out[n++] = (byte) (0xf0 | cp >> 18);
                    out[n++] = (byte) (0x80 | cp >> 12 & 0x3f);
                    out[n++] = (byte) (0x80 | cp >> 6 & 0x3f);
                    out[n++] = (byte) (0x80 | cp & 0x3f);
                }
            } else if (!Character.isLowSurrogate(c)) {
                out[n++] = (byte) (0xe0 | c >> 12);
                out[n++] = (byte) (0x80 | c >> 6 & 0x3f);
                out[n++] = (byte) (0x80 | c & 0x3f);
            }
        }
        return Arrays.copyOf(out, n);
    }
}
