package dev.luna.tts.text.jtalk.lattice;

/**
 * OpenJTalk 1.11's text2mecab (UTF-8 rules): the normalisation applied before MeCab.
 * <ul>
 * <li>printable ASCII becomes full width (U+FF01..), with the special targets space → U+3000,
 * {@code "} → ”, {@code '} → ’, {@code -} → −, {@code \} → ￥, {@code `} → ‘, {@code ~} → 〜;</li>
 * <li>half-width katakana become full width; a base followed by ﾞ/ﾟ that has a voiced form in the table is
 * merged (ｶﾞ → ガ, ﾊﾟ → パ, ｳﾞ → ヴ), every other ﾞ/ﾟ is dropped;</li>
 * <li>other 7-bit characters (controls, tabs, newlines, DEL) are dropped;</li>
 * <li>everything else is copied unchanged.</li>
 * </ul>
 * The C stops at a NUL byte and warns about stray UTF-8 bytes; a Java string has neither, so here U+0000 is
 * dropped like the other controls, and lone surrogates (which have no UTF-8 form) are dropped too.
 */
public final class Text2Mecab {

    private static final String ASCII_TARGETS;
    /** Full-width forms of U+FF61..U+FF9D (｡ .. ﾝ). */
    private static final String HALF_KANA_TARGETS =
            "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";
    private static final String DAKUTEN_BASES = "ｳｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾊﾋﾌﾍﾎ";
    private static final String DAKUTEN_TARGETS = "ヴガギグゲゴザジズゼゾダヂヅデドバビブベボ";
    private static final String HANDAKUTEN_BASES = "ﾊﾋﾌﾍﾎ";
    private static final String HANDAKUTEN_TARGETS = "パピプペポ";
    private static final char HALF_FIRST = '\uff61';
    private static final char HALF_LAST_BASE = '\uff9d';
    private static final char DAKUTEN = '\uff9e';
    private static final char HANDAKUTEN = '\uff9f';

    static {
        StringBuilder table = new StringBuilder();
        for (char c = 0x20; c < 0x7f; c++) {
            table.append(switch (c) {
                case ' ' -> '\u3000';
                case '"' -> '\u201d';
                case '\'' -> '\u2019';
                case '-' -> '\u2212';
                case '\\' -> '\uffe5';
                case '`' -> '\u2018';
                case '~' -> '\u301c';
                default -> (char) (0xff01 + c - 0x21);
            });
        }
        ASCII_TARGETS = table.toString();
    }

    private Text2Mecab() {
    }

    public static String convert(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c < 0x7f) {
                    out.append(ASCII_TARGETS.charAt(c - 0x20));
                }
            } else if (c >= HALF_FIRST && c <= HANDAKUTEN) {
                char next = i + 1 < n ? text.charAt(i + 1) : 0;
                int voiced = next == DAKUTEN ? DAKUTEN_BASES.indexOf(c)
                        : next == HANDAKUTEN ? HANDAKUTEN_BASES.indexOf(c) : -1;
                if (voiced >= 0) {
                    out.append((next == DAKUTEN ? DAKUTEN_TARGETS : HANDAKUTEN_TARGETS).charAt(voiced));
                    i++;
                } else if (c <= HALF_LAST_BASE) {
                    out.append(HALF_KANA_TARGETS.charAt(c - HALF_FIRST));
                }
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    out.append(c).append(text.charAt(++i));
                }
            } else if (!Character.isLowSurrogate(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
