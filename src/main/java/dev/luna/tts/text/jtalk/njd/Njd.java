package dev.luna.tts.text.jtalk.njd;

import dev.luna.tts.text.jtalk.NjdFeature;
import dev.luna.tts.text.jtalk.lattice.Morpheme;

import java.util.List;

/**
 * OpenJTalk 1.11's NJD stage, output-identical: {@code mecab2njd} node loading followed by
 * {@code njd_set_pronunciation}, {@code njd_set_digit}, {@code njd_set_accent_phrase},
 * {@code njd_set_accent_type} and {@code njd_set_unvoiced_vowel} ({@code njd_set_long_vowel} is a
 * no-op in 1.11). The result is what {@code open_jtalk -ot} prints as "[Text analysis result]".
 *
 * <p>Stateless: {@link #analyze} is a static, thread-safe function.
 */
public final class Njd {
    private Njd() {
    }

    /**
     * Runs the NJD stage on MeCab's best path (BOS/EOS excluded). Each morpheme becomes the C's
     * {@code surface,feature} line; a {@code :}-joined compound entry becomes several nodes.
     */
    public static List<NjdFeature> analyze(List<Morpheme> morphemes) {
        NjdList njd = load(morphemes);
        SetPronunciation.apply(njd);
        SetDigit.apply(njd);
        SetAccentPhrase.apply(njd);
        SetAccentType.apply(njd);
        SetUnvoicedVowel.apply(njd);
        return njd.toFeatures();
    }

    /** mecab2njd. */
    static NjdList load(List<Morpheme> morphemes) {
        NjdList njd = new NjdList();
        for (Morpheme m : morphemes) {
            String feature = m.feature() == null ? "" : m.feature();
            String surface = m.surface() == null ? "" : m.surface();
            njd.push(NjdNode.loaded(surface + "," + feature));
        }
        return njd;
    }

    /** One node as the C's NJDNode_fprint writes it (without the newline). */
    public static String format(NjdFeature f) {
        return String.join(",", f.string(), f.pos(), f.posGroup1(), f.posGroup2(), f.posGroup3(),
                f.ctype(), f.cform(), f.orig(), f.read(), f.pron(), f.acc() + "/" + f.moraSize(),
                f.chainRule(), Integer.toString(f.chainFlag()));
    }
}
