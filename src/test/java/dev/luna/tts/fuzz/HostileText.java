package dev.luna.tts.fuzz;

import java.util.Random;

/**
 * Seeded generator of hostile texts: code points of every plane (unassigned, private use and
 * noncharacters included), lone and reversed surrogates, numbers of 1–400 digits in every form
 * the normalizer rewrites (grouping commas, currency, decimals, full width), punctuation runs,
 * combining marks, controls, NFKC expanders and long runs without punctuation. JDK only, so
 * the fuzz harness and the text layer's property test share it.
 */
public final class HostileText {

    private static final String[] WORDS = {
            "こんにちは", "今日は良い天気です", "東京都", "吾輩は猫である", "ありがとう", "カタカナ", "漢字",
            "私", "は", "が", "の", "です", "ます", "円", "年", "月", "日", "時", "分", "個", "人", "本",
            "ｶﾀｶﾅ", "ＡＢＣ", "abc", "Hello", "αβγ", "한국어", "中文", "々", "ゝゞ", "ヽヾ", "〆", "ヶ",
    };
    private static final String PUNCTUATION = "。、！？!?…・「」『』（）()[]【】《》〜~ー-―‐−,.:;'\"“”‘’·$¥£€#%&*+/<=>@\\^_`{|}";
    private static final String EXPANDERS = "\uFDFA\uFDFB\u3300\u3331\u337B\u337F\u2460\u2473\u2474\u2488"
            + "\u2160\u216B\u00BD\u2153\u00B9\u00B2\u2075\u2080\u2082\u3250\u32BF\u33FF\u1E9B\u01C4\uFB03\u2025\u2026"
            + "\u2116\u2121\u3392\u33A1\u32FF\u2CEF\u00A8\u0385\u1FED";
    private static final String DIGITS = "0123456789";
    private static final String WIDE_DIGITS = "０１２３４５６７８９";

    private final Random random;

    public HostileText(Random random) {
        this.random = random;
    }

    /** One hostile text, usually 1–200 code points, now and then up to ~1,200. */
    public String next() {
        StringBuilder sb = new StringBuilder();
        int segments = 1 + random.nextInt(random.nextInt(10) == 0 ? 40 : 8);
        for (int i = 0; i < segments; i++) {
            segment(sb);
        }
        return sb.toString();
    }

    /** {@link #next()} cut to at most {@code max} code points (a cut may split nothing: code points stay whole). */
    public String next(int max) {
        String s = next();
        int n = s.codePointCount(0, s.length());
        return n <= max ? s : s.substring(0, s.offsetByCodePoints(0, max));
    }

    /** A short text that is usually speakable, with one hostile part, at most {@code max} code points. */
    public String mostlyJapanese(int max) {
        StringBuilder sb = new StringBuilder();
        segment(sb);
        String hostile = sb.toString();
        if (hostile.codePointCount(0, hostile.length()) > max) {
            hostile = hostile.substring(0, hostile.offsetByCodePoints(0, max));
        }
        return WORDS[random.nextInt(WORDS.length)] + hostile + WORDS[random.nextInt(WORDS.length)];
    }

    private void segment(StringBuilder sb) {
        switch (random.nextInt(16)) {
            case 0, 1 -> sb.append(WORDS[random.nextInt(WORDS.length)]);
            case 2 -> anyPlane(sb, 1 + random.nextInt(8));
            case 3 -> surrogates(sb);
            case 4, 5 -> sb.append(number());
            case 6 -> runOf(sb, PUNCTUATION, 1 + random.nextInt(random.nextBoolean() ? 4 : 60));
            case 7 -> {
                sb.append(WORDS[random.nextInt(WORDS.length)]);
                for (int k = random.nextInt(12); k >= 0; k--) {
                    sb.appendCodePoint(combining());
                }
            }
            case 8 -> {
                for (int k = random.nextInt(6); k >= 0; k--) {
                    sb.appendCodePoint(control());
                }
            }
            case 9 -> runOf(sb, " \t\u3000\u00A0\u2003\n\r", 1 + random.nextInt(5));
            case 10 -> runOf(sb, EXPANDERS, 1 + random.nextInt(10));
            case 11 -> {   // a long run without punctuation (BERT's 512 positions, OpenJTalk's lattice)
                String w = WORDS[random.nextInt(WORDS.length)];
                sb.append(w.repeat(1 + random.nextInt(600 / w.length())));
            }
            case 12 -> {   // emoji sequences, variation selectors, tags
                sb.append("👨‍👩‍👧‍👦").appendCodePoint(0xFE0F).appendCodePoint(0xE0100 + random.nextInt(240))
                        .appendCodePoint(0xE0001).appendCodePoint(0xE0020 + random.nextInt(95)).append("🇯🇵");
            }
            case 13 -> anyPlaneBmp(sb, 1 + random.nextInt(20));
            case 14 -> sb.append(WORDS[random.nextInt(WORDS.length)].repeat(1 + random.nextInt(5)));
            default -> {   // kana/kanji soup
                for (int k = random.nextInt(30); k >= 0; k--) {
                    int[][] pools = {{0x3041, 0x3096}, {0x30A1, 0x30FA}, {0x4E00, 0x9FFF}, {0x3400, 0x4DBF}, {0xFF66, 0xFF9F}};
                    int[] p = pools[random.nextInt(pools.length)];
                    sb.appendCodePoint(p[0] + random.nextInt(p[1] - p[0] + 1));
                }
            }
        }
    }

    private void anyPlane(StringBuilder sb, int n) {
        for (int k = 0; k < n; k++) {
            int plane = random.nextInt(4) == 0 ? random.nextInt(17) : random.nextInt(3);
            int cp = (plane << 16) | random.nextInt(0x10000);
            if (plane == 0 && cp >= 0xD800 && cp <= 0xDFFF) {
                sb.append((char) cp);   // a lone surrogate
            } else {
                sb.appendCodePoint(cp);
            }
        }
    }

    private void anyPlaneBmp(StringBuilder sb, int n) {
        for (int k = 0; k < n; k++) {
            sb.append((char) random.nextInt(0x10000));
        }
    }

    private void surrogates(StringBuilder sb) {
        switch (random.nextInt(5)) {
            case 0 -> sb.append((char) (0xD800 + random.nextInt(0x400)));
            case 1 -> sb.append((char) (0xDC00 + random.nextInt(0x400)));
            case 2 -> sb.append((char) (0xDC00 + random.nextInt(0x400))).append((char) (0xD800 + random.nextInt(0x400)));
            case 3 -> sb.append((char) (0xD800 + random.nextInt(0x400))).append("1").append((char) (0xDC00 + random.nextInt(0x400)));
            default -> sb.append((char) (0xD800 + random.nextInt(0x400))).append((char) (0xD800 + random.nextInt(0x400)));
        }
    }

    /** Numbers as users write them: any size, grouped, currency, decimals, signs, exponents, full width. */
    public String number() {
        int len = random.nextInt(4) == 0 ? 1 + random.nextInt(400) : 1 + random.nextInt(20);
        String d = digits(random, len);
        switch (random.nextInt(9)) {
            case 0 -> d = group(d);
            case 1 -> d = "$¥£€".charAt(random.nextInt(4)) + group(d);
            case 2 -> d = d + "." + digits(random, 1 + random.nextInt(random.nextBoolean() ? 5 : 400));
            case 3 -> d = "0." + "0".repeat(random.nextInt(400)) + digits(random, 1 + random.nextInt(5));
            case 4 -> d = (random.nextBoolean() ? "-" : "−") + d + (random.nextBoolean() ? "e" + random.nextInt(400) : "");
            case 5 -> {
                StringBuilder w = new StringBuilder();
                d.chars().forEach(c -> w.append(WIDE_DIGITS.charAt(c - '0')));
                d = w.toString();
            }
            case 6 -> d = d + "." + d + "." + d;
            case 7 -> d = "0".repeat(random.nextInt(50)) + d;
            default -> {
            }
        }
        return d;
    }

    public static String digits(Random random, int n) {
        StringBuilder sb = new StringBuilder(n);
        sb.append(DIGITS.charAt(1 + random.nextInt(9)));
        for (int i = 1; i < n; i++) {
            sb.append(DIGITS.charAt(random.nextInt(10)));
        }
        return sb.toString();
    }

    private String group(String d) {
        StringBuilder sb = new StringBuilder();
        int first = d.length() % 3 == 0 ? 3 : d.length() % 3;
        sb.append(d, 0, first);
        for (int i = first; i < d.length(); i += 3) {
            sb.append(',').append(d, i, i + 3);
        }
        return sb.toString();
    }

    private void runOf(StringBuilder sb, String chars, int n) {
        for (int i = 0; i < n; i++) {
            sb.append(chars.charAt(random.nextInt(chars.length())));
        }
    }

    private int combining() {
        int[][] ranges = {{0x0300, 0x036F}, {0x3099, 0x309A}, {0x20D0, 0x20FF}, {0xFE20, 0xFE2F}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}};
        int[] r = ranges[random.nextInt(ranges.length)];
        return r[0] + random.nextInt(r[1] - r[0] + 1);
    }

    private int control() {
        int[] extra = {0x7F, 0x85, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028, 0x2029, 0x202E, 0x2066, 0xFEFF,
                0xFFFE, 0xFFFF, 0xFFFD, 0x061C, 0x180E};
        return switch (random.nextInt(3)) {
            case 0 -> random.nextInt(0x20);
            case 1 -> 0x80 + random.nextInt(0x20);
            default -> extra[random.nextInt(extra.length)];
        };
    }
}
