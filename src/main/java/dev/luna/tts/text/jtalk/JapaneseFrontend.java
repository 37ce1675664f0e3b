package dev.luna.tts.text.jtalk;

import dev.luna.tts.text.userdict.UserWords;
import java.util.List;

/** OpenJTalk 1.11's text analysis in pyopenjtalk's shape. Implementations are thread-safe. */
public interface JapaneseFrontend {

    /** text2mecab → MeCab → NJD rules; the final NJD nodes as features. */
    List<NjdFeature> runFrontend(String text);

    /**
     * {@link #runFrontend(String)} with user dictionaries consulted by MeCab after the system dictionary.
     * Implementations without user-dictionary support accept only {@link UserWords#isEmpty() empty} words.
     */
    default List<NjdFeature> runFrontend(String text, UserWords words) {
        if (words != null && !words.isEmpty()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " has no user dictionary support");
        }
        return runFrontend(text);
    }

    /** njd2jpcommon → JPCommon full-context labels (without times). */
    List<String> makeLabels(List<NjdFeature> features);

    default List<String> extractFullcontext(String text) {
        return makeLabels(runFrontend(text));
    }

    default List<String> extractFullcontext(String text, UserWords words) {
        return makeLabels(runFrontend(text, words));
    }
}
