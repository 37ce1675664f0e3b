package dev.luna.tts.text.jtalk.njd;

import java.nio.charset.StandardCharsets;

/** The few C string helpers the NJD rules rely on, with the C's exact semantics. */
final class CStrings {
    private CStrings() {
    }

    /**
     * C {@code atoi}: optional leading whitespace, optional sign, then decimal digits; anything
     * else stops the parse, no digits gives 0. Overflow wraps like 32-bit arithmetic.
     */
    static int atoi(String s) {
        if (s == null) {
            return 0;
        }
        int i = 0;
        int n = s.length();
        while (i < n && (s.charAt(i) == ' ' || (s.charAt(i) >= '\t' && s.charAt(i) <= '\r'))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int value = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            value = value * 10 + (s.charAt(i) - '0');
            i++;
        }
        return negative ? -value : value;
    }

    /**
     * OpenJTalk's {@code strtopcmp}: the length of {@code pattern} if {@code str} starts at
     * {@code from} with it, else -1 (an empty pattern matches with length 0).
     */
    static int strtopcmp(String str, int from, String pattern) {
        return str.startsWith(pattern, from) ? pattern.length() : -1;
    }

    /** The UTF-8 byte length of a string, as C's strlen sees it. */
    static int byteLength(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
