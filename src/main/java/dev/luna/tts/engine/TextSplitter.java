package dev.luna.tts.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * SBV2 auto_split (one piece per non-empty line) plus a further cut of long lines after sentence
 * punctuation, so the first audio of a long paragraph comes early.
 */
public final class TextSplitter {

    private TextSplitter() {
    }

    public record Part(String text, boolean startsLine) {
    }

    public static List<Part> split(String text, boolean autoSplit, int maxChars) {
        List<String> lines = new ArrayList<>();
        if (autoSplit) {
            for (String l : text.split("\\r?\\n|\\r")) {
                if (!l.isBlank()) {
                    lines.add(l);
                }
            }
        } else {
            lines.add(text);
        }
        List<Part> out = new ArrayList<>();
        for (String line : lines) {
            boolean first = true;
            for (String s : sentences(line, maxChars)) {
                out.add(new Part(s, first));
                first = false;
            }
        }
        return out;
    }

    /** Cuts after 。！？!?．. runs once a sentence reaches maxChars/2; short lines stay whole. */
    static List<String> sentences(String line, int maxChars) {
        if (line.codePointCount(0, line.length()) <= maxChars) {
            return List.of(line);
        }
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int n = line.length();
        for (int i = 0; i < n; ) {
            int cp = line.codePointAt(i);
            cur.appendCodePoint(cp);
            i += Character.charCount(cp);
            if (isStop(cp)) {
                while (i < n && isStop(line.codePointAt(i))) {
                    int c2 = line.codePointAt(i);
                    cur.appendCodePoint(c2);
                    i += Character.charCount(c2);
                }
                if (cur.codePointCount(0, cur.length()) >= maxChars / 2 && i < n) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
            }
        }
        if (!cur.isEmpty()) {
            if (!out.isEmpty() && cur.toString().isBlank()) {
                out.set(out.size() - 1, out.get(out.size() - 1) + cur);
            } else {
                out.add(cur.toString());
            }
        }
        return out;
    }

    private static boolean isStop(int cp) {
        return cp == '。' || cp == '！' || cp == '？' || cp == '!' || cp == '?' || cp == '．' || cp == '.';
    }

    /**
     * Cuts a normalized piece longer than {@code maxChars} code points so that each part fits the BERT (DeBERTa's
     * position table holds 512 tokens: [CLS], 510 characters, [SEP]). SBV2 itself fails on such text. A cut goes
     * after the last pause mark (、，,・…) or, failing that, the last space inside the limit; a run with neither is
     * cut at the limit. Short text is returned whole.
     */
    public static List<String> capLength(String text, int maxChars) {
        List<String> out = new ArrayList<>();
        String rest = text;
        while (rest.codePointCount(0, rest.length()) > maxChars) {
            int limit = rest.offsetByCodePoints(0, maxChars);
            int cut = -1;
            for (int i = limit; i > 0; ) {
                int cp = rest.codePointBefore(i);
                if (isPause(cp)) {
                    cut = i;
                    break;
                }
                i -= Character.charCount(cp);
            }
            if (cut <= 0) {
                for (int i = limit; i > 0; ) {
                    int cp = rest.codePointBefore(i);
                    if (Character.isWhitespace(cp)) {
                        cut = i;
                        break;
                    }
                    i -= Character.charCount(cp);
                }
            }
            if (cut <= 0) {
                cut = limit;
            }
            out.add(rest.substring(0, cut));
            rest = rest.substring(cut);
        }
        if (!rest.isEmpty()) {
            out.add(rest);
        }
        return out;
    }

    private static boolean isPause(int cp) {
        return cp == '、' || cp == '，' || cp == ',' || cp == '・' || cp == '…' || cp == '：' || cp == '；'
                || cp == ':' || cp == ';' || isStop(cp);
    }
}
