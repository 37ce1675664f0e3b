package dev.luna.tts.runtime;

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
}
