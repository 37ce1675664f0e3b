package dev.luna.tts.text.userdict;

import dev.luna.tts.text.jtalk.lattice.UserLexicon;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable user dictionary: words keyed by UUID in SBV2's order (the order of its JSON file, which is
 * the order of the CSV rows it compiles) and the MeCab lexicon compiled from their rows in memory, as
 * {@code mecab-dict-index -u} would compile them. A snapshot: analyses keep the instance they started with.
 */
public final class UserDictionary {

    public static final UserDictionary EMPTY = new UserDictionary(Map.of(), CompiledLexicon.EMPTY);

    private final Map<String, UserDictWord> words;
    private final CompiledLexicon lexicon;

    private UserDictionary(Map<String, UserDictWord> words, CompiledLexicon lexicon) {
        this.words = words;
        this.lexicon = lexicon;
    }

    /** Compiles {@code words} (iteration order kept; keys normalized as UUIDs). */
    public static UserDictionary of(Map<String, UserDictWord> words) {
        Map<String, UserDictWord> copy = new LinkedHashMap<>();
        words.forEach((uuid, word) -> copy.put(UserDictJson.normalizeUuid(uuid), java.util.Objects.requireNonNull(word)));
        if (copy.isEmpty()) {
            return EMPTY;
        }
        return new UserDictionary(Collections.unmodifiableMap(copy), compile(copy.values()));
    }

    /** Rows of {@code words} (SBV2's CSV text) as mecab-dict-index parses them. */
    static CompiledLexicon compile(Iterable<UserDictWord> words) {
        List<MecabCsv.Row> rows = new ArrayList<>();
        int line = 0;
        for (UserDictWord w : words) {
            MecabCsv.Row row = MecabCsv.parseRow(w.toCsvRow(), ++line);
            if (row != null) {
                rows.add(row);
            }
        }
        return rows.isEmpty() ? CompiledLexicon.EMPTY : new CompiledLexicon(rows);
    }

    /** The words, keyed by UUID, in dictionary order (unmodifiable). */
    public Map<String, UserDictWord> words() {
        return words;
    }

    public boolean isEmpty() {
        return words.isEmpty();
    }

    /** What the lattice consults; empty when the dictionary is. */
    public UserLexicon lexicon() {
        return lexicon;
    }

    /** SBV2's user part of the dictionary CSV: one row per word, each ending in a newline. */
    public String csv() {
        StringBuilder sb = new StringBuilder();
        for (UserDictWord w : words.values()) {
            sb.append(w.toCsvRow()).append('\n');
        }
        return sb.toString();
    }

    /** SBV2's {@code user_dict.json} text of these words. */
    public String json() {
        return UserDictJson.write(words);
    }
}
