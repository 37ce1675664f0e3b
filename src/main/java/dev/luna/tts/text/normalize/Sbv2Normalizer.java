package dev.luna.tts.text.normalize;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SBV2 2.7 {@code normalize_text} and {@code replace_punctuation} (nlp/japanese/normalizer.py). */
public final class Sbv2Normalizer {

    /** SBV2's replacement map, in its dict order: the regex alternation tries keys in this order. */
    private static final List<Map.Entry<String, String>> REPLACEMENTS = List.of(
            Map.entry("：", ","), Map.entry("；", ","), Map.entry("，", ","), Map.entry("。", "."),
            Map.entry("！", "!"), Map.entry("？", "?"), Map.entry("\n", "."), Map.entry("．", "."),
            Map.entry("…", "..."), Map.entry("···", "..."), Map.entry("・・・", "..."),
            Map.entry("·", ","), Map.entry("・", ","), Map.entry("、", ","), Map.entry("$", "."),
            Map.entry("“", "'"), Map.entry("”", "'"), Map.entry("\"", "'"), Map.entry("‘", "'"),
            Map.entry("’", "'"), Map.entry("（", "'"), Map.entry("）", "'"), Map.entry("(", "'"),
            Map.entry(")", "'"), Map.entry("《", "'"), Map.entry("》", "'"), Map.entry("【", "'"),
            Map.entry("】", "'"), Map.entry("[", "'"), Map.entry("]", "'"),
            Map.entry("\u02d7", "-"), Map.entry("\u2010", "-"), Map.entry("\u2012", "-"),
            Map.entry("\u2013", "-"), Map.entry("\u2014", "-"), Map.entry("\u2015", "-"),
            Map.entry("\u2043", "-"), Map.entry("\u2212", "-"), Map.entry("\u23af", "-"),
            Map.entry("\u23e4", "-"), Map.entry("\u2500", "-"), Map.entry("\u2501", "-"),
            Map.entry("\u2e3a", "-"), Map.entry("\u2e3b", "-"),
            Map.entry("「", "'"), Map.entry("」", "'"));

    private static final Pattern THOUSANDS = Pattern.compile("[0-9]{1,3}(,[0-9]{3})+");
    private static final Pattern CURRENCY = Pattern.compile("([$¥£€])([0-9.]*[0-9])");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final Map<String, String> CURRENCY_NAMES =
            Map.of("$", "ドル", "¥", "円", "£", "ポンド", "€", "ユーロ");

    private Sbv2Normalizer() {
    }

    /** The full SBV2 normalization; may return an empty string. */
    public static String normalize(String text) {
        String res = Normalizer.normalize(text, Normalizer.Form.NFKC);
        res = convertNumbers(res);
        res = res.replace("~", "ー").replace("～", "ー").replace("〜", "ー");
        res = replacePunctuation(res);
        return res.replace("\u3099", "").replace("\u309a", "");
    }

    /** Punctuation map, then drop every character SBV2 cannot read. */
    public static String replacePunctuation(String text) {
        StringBuilder mapped = new StringBuilder(text.length());
        int i = 0;
        outer:
        while (i < text.length()) {
            for (Map.Entry<String, String> e : REPLACEMENTS) {
                if (text.startsWith(e.getKey(), i)) {
                    mapped.append(e.getValue());
                    i += e.getKey().length();
                    continue outer;
                }
            }
            mapped.append(text.charAt(i));
            i++;
        }
        StringBuilder kept = new StringBuilder(mapped.length());
        mapped.codePoints().filter(Sbv2Normalizer::isKept).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    /** The character class of SBV2's cleanup pattern (what it does not delete). */
    static boolean isKept(int c) {
        return (c >= 0x3040 && c <= 0x309F) || (c >= 0x30A0 && c <= 0x30FF)
                || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3005
                || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A)
                || (c >= 0x0370 && c <= 0x03FF) || (c >= 0x1F00 && c <= 0x1FFF)
                || c == '!' || c == '?' || c == '…' || c == ',' || c == '.' || c == '\'' || c == '-';
    }

    static String convertNumbers(String text) {
        String res = replaceAll(THOUSANDS, text, m -> m.group().replace(",", ""));
        res = replaceAll(CURRENCY, res, m -> m.group(2) + CURRENCY_NAMES.get(m.group(1)));
        return replaceAll(NUMBER, res, m -> JapaneseNumberWords.cardinal(m.group()));
    }

    private static String replaceAll(Pattern p, String text, java.util.function.Function<Matcher, String> f) {
        Matcher m = p.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start()).append(f.apply(m));
            last = m.end();
        }
        return out.append(text, last, text.length()).toString();
    }
}
