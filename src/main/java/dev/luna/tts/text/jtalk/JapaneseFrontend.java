package dev.luna.tts.text.jtalk;

import java.util.List;

/** OpenJTalk 1.11's text analysis in pyopenjtalk's shape. Implementations are thread-safe. */
public interface JapaneseFrontend {

    /** text2mecab → MeCab → NJD rules; the final NJD nodes as features. */
    List<NjdFeature> runFrontend(String text);

    /** njd2jpcommon → JPCommon full-context labels (without times). */
    List<String> makeLabels(List<NjdFeature> features);

    default List<String> extractFullcontext(String text) {
        return makeLabels(runFrontend(text));
    }
}
