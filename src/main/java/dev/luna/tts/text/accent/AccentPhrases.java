package dev.luna.tts.text.accent;

import dev.luna.tts.text.G2pException;
import dev.luna.tts.text.G2pResult;
import dev.luna.tts.text.g2p.Sbv2Symbols;
import dev.luna.tts.text.jtalk.JapaneseFrontend;
import dev.luna.tts.text.jtalk.NjdFeature;
import dev.luna.tts.text.userdict.UserWords;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SBV2 phones/tones ⇄ VOICEVOX accent phrases, the way AivisSpeech Engine does it for SBV2 voices: phrases are cut
 * from SBV2's own g2p (punctuation kept as moras of its own, vowel {@code pau}) so that a query taken and sent back
 * unchanged gives the same phones and tones, and an edited phrase (mora kana, accent position) maps back with the
 * standard Tokyo accent rule.
 */
public final class AccentPhrases {

    private static final String PAUSE = ",";
    private static final Pattern P3 = Pattern.compile("-(.*?)\\+");
    private static final Pattern A2 = Pattern.compile("/A:[0-9\\-]+\\+(\\d+)\\+");
    /** OpenJTalk phonemes that end a mora (unvoiced vowels upper-case, ッ is cl). */
    private static final java.util.Set<String> LABEL_MORA_FINAL = java.util.Set.of("a", "i", "u", "e", "o", "A", "I",
            "U", "E", "O", "N", "cl");

    /** SBV2 phones (pads excluded) and tones as synthesis takes them ({@code given_phone}/{@code given_tone}). */
    public record PhoneTones(List<String> phones, List<Integer> tones) {
    }

    private record MoraTone(Mora mora, int tone) {
    }

    private AccentPhrases() {
    }

    /**
     * Accent phrases of a g2p result, cut where OpenJTalk's labels start an accent phrase (as VOICEVOX cuts them)
     * and after punctuation (as AivisSpeech does). {@code frontend} and {@code words} must be those the g2p ran with.
     */
    public static List<AccentPhrase> of(G2pResult g2p, JapaneseFrontend frontend, UserWords words) {
        List<NjdFeature> features = frontend.runFrontend(g2p.normalizedText(), words);
        List<String> labels = features.isEmpty() ? List.of() : frontend.makeLabels(features);
        return of(g2p, phraseStarts(labels));
    }

    /**
     * Per mora of the labels (pauses and silence left out): does it start an accent phrase (its position in the
     * phrase, A:a2, is 1)?
     */
    static List<Boolean> phraseStarts(List<String> labels) {
        List<Boolean> starts = new ArrayList<>();
        for (String lab : labels) {
            Matcher p = P3.matcher(lab);
            if (!p.find()) {
                continue;
            }
            String phoneme = p.group(1);
            if (!LABEL_MORA_FINAL.contains(phoneme)) {
                continue;   // a consonant: its mora is counted at the vowel
            }
            Matcher a = A2.matcher(lab);
            starts.add(a.find() && a.group(1).equals("1"));
        }
        return starts;
    }

    /** Phrases from tones alone (AivisSpeech's rule without its word boundaries); for text without labels. */
    public static List<AccentPhrase> of(G2pResult g2p) {
        return of(g2p, null);
    }

    private static List<AccentPhrase> of(G2pResult g2p, List<Boolean> labelStarts) {
        List<MoraTone> moras = moras(g2p.phones(), g2p.tones());
        long spoken = moras.stream().filter(m -> !isPunctuation(m.mora().text())).count();
        if (labelStarts != null && labelStarts.size() == spoken) {
            return byStarts(moras, labelStarts);
        }
        // a group starts where a mora follows punctuation (punctuation stays with the words before it)
        List<List<MoraTone>> groups = cutBefore(moras, i -> i > 0 && !isPunctuation(moras.get(i).mora().text())
                && isPunctuation(moras.get(i - 1).mora().text()));
        List<AccentPhrase> phrases = new ArrayList<>();
        for (List<MoraTone> group : groups) {
            for (List<MoraTone> phrase : splitAtRises(group)) {
                phrases.add(phrase(phrase));
            }
        }
        return phrases;
    }

    private static List<AccentPhrase> byStarts(List<MoraTone> moras, List<Boolean> starts) {
        // a phrase starts at a label's accent-phrase start and after punctuation; punctuation never starts one
        boolean[] start = new boolean[moras.size()];
        int spoken = 0;
        for (int i = 0; i < moras.size(); i++) {
            if (!isPunctuation(moras.get(i).mora().text())) {
                start[i] = starts.get(spoken++) || (i > 0 && isPunctuation(moras.get(i - 1).mora().text()));
            }
        }
        List<AccentPhrase> phrases = new ArrayList<>();
        for (List<MoraTone> phrase : cutBefore(moras, i -> start[i])) {
            phrases.add(phrase(phrase));
        }
        return phrases;
    }

    /**
     * A low mora followed by a high one after a high or low one (1,0,1 or 0,0,1) starts a new phrase: within one
     * Tokyo-accent phrase pitch falls at most once and never rises again after the second mora.
     */
    private static List<List<MoraTone>> splitAtRises(List<MoraTone> group) {
        return cutBefore(group, i -> i > 0 && i < group.size() - 1 && group.get(i).tone() == 0
                && group.get(i + 1).tone() == 1);
    }

    /** {@code items} cut before every index where {@code startsHere} holds; no part is empty. */
    private static <T> List<List<T>> cutBefore(List<T> items, IntPredicate startsHere) {
        List<List<T>> out = new ArrayList<>();
        List<T> current = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (startsHere.test(i) && !current.isEmpty()) {
                out.add(current);
                current = new ArrayList<>();
            }
            current.add(items.get(i));
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    private static AccentPhrase phrase(List<MoraTone> moras) {
        int accent = moras.size();
        for (int i = 0; i < moras.size() - 1; i++) {
            if (moras.get(i).tone() == 1 && moras.get(i + 1).tone() == 0) {
                accent = i + 1;
                break;
            }
        }
        return new AccentPhrase(moras.stream().map(MoraTone::mora).toList(), accent, null, false);
    }

    /** SBV2 phones with pads → moras with their tones (a consonant takes the next vowel's mora). */
    private static List<MoraTone> moras(List<String> phones, List<Integer> tones) {
        List<MoraTone> out = new ArrayList<>();
        String consonant = null;
        for (int i = 1; i < phones.size() - 1; i++) {
            String p = phones.get(i);
            if (isPunctuation(p)) {
                out.add(new MoraTone(new Mora(p, null, null, "pau", 0, 0), 0));
            } else if (!KanaMoras.MORA_FINAL.contains(p)) {
                consonant = p;
            } else {
                String kana = KanaMoras.kana(consonant, p);
                if (kana == null) {
                    throw new G2pException("no kana for phonemes " + consonant + " " + p);
                }
                String vowel = p.equals("q") ? "cl" : p;
                out.add(new MoraTone(new Mora(kana, consonant, consonant == null ? null : 0.0, vowel, 0, 0),
                        tones.get(i)));
                consonant = null;
            }
        }
        return out;
    }

    /**
     * Accent phrases → SBV2 phones and tones with the pads (AivisSpeech's synthesize_wave, then SBV2's
     * kata_tone2phone_tone): in a phrase with accent {@code a}, mora 1 is low unless {@code a == 1}, moras up to
     * {@code a} are high, later ones low; punctuation is always low (as SBV2's g2p makes it); a pause mora adds a
     * comma. Hiragana is read as katakana.
     *
     * @throws AccentEditException naming the phrase and mora for unknown kana or an accent outside 1..moras
     */
    public static PhoneTones toPhoneTones(List<AccentPhrase> phrases) {
        List<String> phones = new ArrayList<>();
        List<Integer> tones = new ArrayList<>();
        phones.add("_");
        tones.add(0);
        for (int i = 0; i < phrases.size(); i++) {
            AccentPhrase phrase = phrases.get(i);
            if (phrase == null || phrase.moras() == null || phrase.moras().isEmpty()) {
                throw new AccentEditException(i, null, "moras", "accent phrase " + i + " has no moras");
            }
            int n = phrase.moras().size();
            if (phrase.accent() < 1 || phrase.accent() > n) {
                throw new AccentEditException(i, null, "accent", "accent phrase " + i + ": accent " + phrase.accent()
                        + " is outside 1.." + n + " (its mora count)");
            }
            int nucleus = phrase.accent() - 1;
            for (int j = 0; j < n; j++) {
                Mora mora = phrase.moras().get(j);
                String text = mora == null || mora.text() == null ? "" : katakana(mora.text());
                // SBV2's prosody marks never raise a one-mora phrase: it stays low whatever its accent
                int tone = spoken(phrase) == 1 || (j == 0 && nucleus != 0) ? 0 : j <= nucleus ? 1 : 0;
                if (isPunctuation(text)) {
                    phones.add(text);
                    tones.add(0);
                    continue;
                }
                KanaMoras.Phonemes p = KanaMoras.phonemes(text);
                if (p == null) {
                    throw new AccentEditException(i, j, "text", "accent phrase " + i + ", mora " + j + ": \""
                            + text + "\" is not one katakana mora (or one of " + Sbv2Symbols.PUNCTUATIONS + ")");
                }
                if (p.consonant() != null) {
                    phones.add(p.consonant());
                    tones.add(tone);
                }
                phones.add(p.vowel());
                tones.add(tone);
            }
            if (phrase.pauseMora() != null) {
                phones.add(PAUSE);
                tones.add(0);
            }
        }
        phones.add("_");
        tones.add(0);
        return new PhoneTones(List.copyOf(phones), List.copyOf(tones));
    }

    /** The phrases' reading in hiragana (what AivisSpeech reads when the query carries no text). */
    public static String reading(List<AccentPhrase> phrases) {
        StringBuilder sb = new StringBuilder();
        for (AccentPhrase p : phrases) {
            for (Mora m : p.moras()) {
                sb.append(hiragana(m.text()));
            }
            if (p.pauseMora() != null) {
                sb.append('、');
            }
        }
        return sb.toString();
    }

    private static long spoken(AccentPhrase p) {
        return p.moras().stream().filter(m -> m == null || m.text() == null || !isPunctuation(m.text())).count();
    }

    private static boolean isPunctuation(String s) {
        return Sbv2Symbols.isPunctuation(s);
    }

    private static String katakana(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            sb.append(c >= 'ぁ' && c <= 'ゖ' ? (char) (c + 0x60) : c);
        }
        return sb.toString();
    }

    private static String hiragana(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            sb.append(c >= 'ァ' && c <= 'ヶ' ? (char) (c - 0x60) : c);
        }
        return sb.toString();
    }
}
