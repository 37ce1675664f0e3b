package dev.luna.tts.text.accent;

import dev.luna.tts.text.g2p.MoraTable;

import java.util.HashMap;
import java.util.Map;

/**
 * SBV2's katakana mora table ({@link MoraTable}: mora_list.py, JP-Extra: ン = N, ッ = q) in both directions. Several kana share one
 * pronunciation (オ/ヲ, ジ/ヂ, ...): phonemes → kana gives the first, the common spelling.
 */
final class KanaMoras {

    /** (consonant or null, vowel). */
    record Phonemes(String consonant, String vowel) {
    }

    /** The phonemes that end a mora (SBV2's VOWELS plus ッ's q). */
    static final java.util.Set<String> MORA_FINAL = java.util.Set.of("a", "i", "u", "e", "o", "N", "q");

    private static final Map<String, Phonemes> BY_KANA = new HashMap<>();
    private static final Map<String, String> BY_PHONEMES = new HashMap<>();

    static {
        for (MoraTable.Mora m : MoraTable.MORAS) {
            Phonemes p = new Phonemes(m.consonant(), m.vowel());
            BY_KANA.put(m.kana(), p);
            BY_PHONEMES.putIfAbsent(key(p.consonant(), p.vowel()), m.kana());
        }
    }

    private KanaMoras() {
    }

    static Phonemes phonemes(String kana) {
        return BY_KANA.get(kana);
    }

    static String kana(String consonant, String vowel) {
        return BY_PHONEMES.get(key(consonant, vowel));
    }

    private static String key(String consonant, String vowel) {
        return (consonant == null ? "" : consonant) + " " + vowel;
    }
}
