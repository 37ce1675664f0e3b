package dev.luna.tts.text.userdict;

import dev.luna.tts.text.jtalk.lattice.UserLexicon;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The user dictionaries one analysis (one request) uses, in MeCab's {@code -u global.dic,request.dic} order:
 * a snapshot of the global dictionary, then the request's own words compiled into a small lexicon of their
 * own (a sort of at most a few hundred rows; nothing global is rebuilt). Both enter the lattice together
 * with the system dictionary; the request's words add to the global ones (the cheapest path wins, as with
 * two mecab user dictionaries). Immutable, so a request keeps it across all its pieces.
 */
public final class UserWords {

    /** No user dictionary: the analysis is exactly the system dictionary's. */
    public static final UserWords NONE = new UserWords(UserDictionary.EMPTY, List.of(), CompiledLexicon.EMPTY);

    private final UserDictionary global;
    private final List<UserDictWord> requestWords;
    private final List<UserLexicon> lexicons;

    private UserWords(UserDictionary global, List<UserDictWord> requestWords, CompiledLexicon request) {
        this.global = global;
        this.requestWords = requestWords;
        List<UserLexicon> l = new ArrayList<>(2);
        if (!global.isEmpty()) {
            l.add(global.lexicon());
        }
        if (request.size() > 0) {
            l.add(request);
        }
        this.lexicons = List.copyOf(l);
    }

    /** The global dictionary alone. */
    public static UserWords of(UserDictionary global) {
        return of(global, List.of());
    }

    /** The global dictionary (a snapshot) plus this request's words (null or empty: none). */
    public static UserWords of(UserDictionary global, List<UserDictWord> requestWords) {
        Objects.requireNonNull(global, "global");
        List<UserDictWord> words = requestWords == null ? List.of() : List.copyOf(requestWords);
        if (global.isEmpty() && words.isEmpty()) {
            return NONE;
        }
        return new UserWords(global, words, words.isEmpty() ? CompiledLexicon.EMPTY : UserDictionary.compile(words));
    }

    public UserDictionary global() {
        return global;
    }

    public List<UserDictWord> requestWords() {
        return requestWords;
    }

    /** The lexicons for {@code MecabTokenizer.parse}, in lookup order (empty ones left out). */
    public List<UserLexicon> lexicons() {
        return lexicons;
    }

    public boolean isEmpty() {
        return lexicons.isEmpty();
    }
}
