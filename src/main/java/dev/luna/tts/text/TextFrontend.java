package dev.luna.tts.text;

import dev.luna.tts.text.userdict.UserDictWord;
import dev.luna.tts.text.userdict.UserWords;
import java.util.List;

/** SBV2 2.7's Japanese text processing: normalization, g2p, and conversion to model ids. Thread-safe. */
public interface TextFrontend {

    /** SBV2 {@code normalize_text}; throws {@link EmptyTextException} when nothing readable remains. */
    String normalize(String text);

    /** SBV2 {@code g2p} on already normalized text (with the global user dictionary, if the frontend has one). */
    G2pResult g2p(String normalizedText);

    /**
     * {@link #g2p(String)} with exactly these user dictionaries (from {@link #userWords}: the global snapshot
     * plus a request's words). Frontends without user-dictionary support accept only empty words.
     */
    default G2pResult g2p(String normalizedText, UserWords words) {
        if (words != null && !words.isEmpty()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " has no user dictionary support");
        }
        return g2p(normalizedText);
    }

    /**
     * The user dictionaries for one request: a snapshot of the global dictionary taken now, plus
     * {@code requestWords} (null or empty: none). Take it once per request and pass it to every
     * {@link #g2p(String, UserWords)} of that request so that all its pieces see the same dictionary.
     */
    default UserWords userWords(List<UserDictWord> requestWords) {
        if (requestWords != null && !requestWords.isEmpty()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " has no user dictionary support");
        }
        return UserWords.NONE;
    }

    /** Symbol ids, tone/language ids and word2ph with blanks interspersed. */
    ModelInput toModelInput(G2pResult g2p);
}
