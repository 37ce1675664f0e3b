package dev.luna.tts.text.userdict;

import java.util.ArrayList;
import java.util.List;

/**
 * MeCab dictionary CSV rows as mecab-dict-index 0.996 reads them ({@code tokenizeCSV(line, col, 5)}: surface,
 * left id, right id, cost, and the rest of the line as the feature), and their import as SBV2 words.
 */
public final class MecabCsv {

    private MecabCsv() {
    }

    /** One row as mecab-dict-index compiles it: ids and cost are what {@code atoi} makes of the columns. */
    record Row(String surface, int leftId, int rightId, int cost, String feature) {
    }

    /**
     * MeCab's {@code tokenizeCSV}: splits at commas into at most {@code max} columns, skipping spaces and
     * tabs before each column; a column starting with {@code "} is unquoted ({@code ""} → {@code "}). The
     * last column runs to the end of the line and is not cut there: for a quoted last column MeCab's in-place
     * unquoting leaves the rest of the original bytes after the shifted text, reproduced here.
     */
    static List<String> tokenize(String line, int max) {
        char[] buf = line.toCharArray();
        int eos = buf.length;
        List<String> out = new ArrayList<>();
        int str = 0;
        int remaining = max;
        for (; str < eos; ++str) {
            while (str < eos && (buf[str] == ' ' || buf[str] == '\t')) {
                ++str;
            }
            int start;
            int end;
            if (str < eos && buf[str] == '"') {
                start = ++str;
                end = start;
                for (; str < eos; ++str) {
                    if (buf[str] == '"') {
                        str++;
                        if (str >= eos || buf[str] != '"') {
                            break;
                        }
                    }
                    buf[end++] = buf[str];
                }
                str = find(buf, str, eos);
            } else {
                start = str;
                str = find(buf, str, eos);
                end = str;
            }
            boolean terminate = remaining-- > 1;
            out.add(new String(buf, start, (terminate ? end : eos) - start));
            if (remaining == 0) {
                break;
            }
        }
        return out;
    }

    private static int find(char[] buf, int from, int eos) {
        int p = from;
        while (p < eos && buf[p] != ',') {
            p++;
        }
        return p;
    }

    /** C's {@code atoi}: optional spaces and sign, then digits; anything else stops it (nothing read: 0). */
    static long atoi(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long value = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && value < Integer.MAX_VALUE * 10L) {
            value = value * 10 + (s.charAt(i) - '0');
            i++;
        }
        return negative ? -value : value;
    }

    /**
     * Parses one row as mecab-dict-index does for a user dictionary whose rows carry ids and cost; returns
     * null for a row it discards (empty surface). Ids or cost left empty would need mecab's automatic
     * assignment from rewrite.def and the model, which is not supported: a {@link UserDictException}.
     */
    static Row parseRow(String line, int lineNumber) {
        List<String> col = tokenize(line, 5);
        if (col.size() != 5) {
            throw new UserDictException("row", "line " + lineNumber + ": a row needs surface, left id, right id, cost"
                    + " and features (mecab-dict-index: format error)");
        }
        for (int i = 1; i <= 3; i++) {
            if (col.get(i).isEmpty()) {
                throw new UserDictException("row", "line " + lineNumber + ": " + (i == 3 ? "cost" : "context ids")
                        + " must be given (automatic assignment is not supported)");
            }
        }
        long left = atoi(col.get(1));
        long right = atoi(col.get(2));
        long cost = atoi(col.get(3));
        if (left < 0 || right < 0 || left > 0xffff || right > 0xffff) {
            throw new UserDictException("row", "line " + lineNumber + ": invalid ids " + left + "," + right);
        }
        if (cost < Short.MIN_VALUE || cost > Short.MAX_VALUE) {
            throw new UserDictException("row", "line " + lineNumber + ": cost " + cost
                    + " is outside MeCab's 16-bit range");
        }
        if (col.get(0).isEmpty()) {
            return null;
        }
        return new Row(col.get(0), (int) left, (int) right, (int) cost, col.get(4));
    }

    /**
     * Imports MeCab CSV rows (one per line; blank lines skipped) as SBV2 words, the way SBV2 reads a word
     * back from its file: the context id (left = right) must be one of a {@link WordType}'s, the cost becomes
     * the priority whose cost candidate is nearest ({@code _cost2priority}, so it is rounded to that
     * candidate), and the features must be SBV2's eleven columns with that word type's part of speech.
     */
    public static List<UserDictWord> importRows(String csv) {
        List<UserDictWord> words = new ArrayList<>();
        String[] lines = csv.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            int lineNumber = i + 1;
            Row row = parseRow(line, lineNumber);
            if (row == null) {
                throw new UserDictException("row", "line " + lineNumber + ": the surface is empty");
            }
            if (row.leftId() != row.rightId()) {
                throw new UserDictException("row", "line " + lineNumber + ": left and right context ids differ ("
                        + row.leftId() + ", " + row.rightId() + "); SBV2 words use one context id");
            }
            WordType type;
            try {
                type = WordType.ofContextId(row.leftId(), "context_id");
            } catch (UserDictException e) {
                throw new UserDictException("row", "line " + lineNumber + ": " + e.getMessage());
            }
            String[] f = row.feature().split(",", -1);
            if (f.length != 11) {
                throw new UserDictException("row", "line " + lineNumber + ": expected 11 feature columns (pos,"
                        + " 3 details, inflection type and form, stem, yomi, pronunciation, accent/mora, rule), got "
                        + f.length);
            }
            String[] accent = f[9].split("/", -1);
            if (accent.length != 2 || !accent[0].matches("\\d{1,4}") || !accent[1].matches("\\d{1,4}")) {
                throw new UserDictException("row", "line " + lineNumber + ": accent column must be accent/mora, got '"
                        + f[9] + "'");
            }
            try {
                UserDictWord word = new UserDictWord(row.surface(), type.priority(row.cost()), row.leftId(), f[0], f[1],
                        f[2], f[3], f[4], f[5], f[6], f[7], f[8], Integer.parseInt(accent[0]),
                        Integer.parseInt(accent[1]), f[10]);
                UserDictJson.checkPartOfSpeech(word, "row");
                words.add(word);
            } catch (UserDictException e) {
                throw new UserDictException(e.field(), "line " + lineNumber + ": " + e.getMessage(), e);
            }
        }
        return words;
    }
}
