package dev.luna.tts.text.g2p;

import dev.luna.tts.text.EmptyTextException;
import dev.luna.tts.text.G2pException;
import dev.luna.tts.text.G2pResult;
import dev.luna.tts.text.jtalk.JapaneseFrontend;
import dev.luna.tts.text.jtalk.NjdFeature;
import dev.luna.tts.text.userdict.UserWords;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * SBV2 2.7's Japanese {@code g2p} (JP-Extra): phones with punctuation kept, tones 0/1 from
 * OpenJTalk's accent labels, and word2ph dealing each word's phones over its characters.
 */
public final class Sbv2G2p {

    private final JapaneseFrontend frontend;

    public Sbv2G2p(JapaneseFrontend frontend) {
        this.frontend = frontend;
    }

    public G2pResult g2p(String normText) {
        return g2p(normText, UserWords.NONE);
    }

    /** With user dictionaries (SBV2 applies its compiled user dictionary to both of its OpenJTalk runs). */
    public G2pResult g2p(String normText, UserWords words) {
        if (normText == null || normText.isEmpty()) {
            throw new EmptyTextException("nothing to read after normalization");
        }
        // SBV2 runs OpenJTalk twice on the same text (labels; words): once is the same
        List<NjdFeature> features = frontend.runFrontend(normText, words == null ? UserWords.NONE : words);
        List<String> labels = features.isEmpty() ? List.of() : frontend.makeLabels(features);
        List<PhoneTone> accent = AccentTones.of(ProsodySymbols.of(labels));

        WordReadings sep = WordReadings.of(features);
        List<List<String>> wordPhones = new ArrayList<>();
        for (String reading : sep.readings()) {
            wordPhones.add(KanaPhonemes.of(reading));
        }
        KanaPhonemes.handleLong(wordPhones);
        List<String> phonesWithPunct = new ArrayList<>();
        wordPhones.forEach(phonesWithPunct::addAll);
        List<PhoneTone> aligned = alignTones(phonesWithPunct, accent);

        List<Integer> word2ph = new ArrayList<>();
        word2ph.add(1);
        for (int i = 0; i < sep.words().size(); i++) {
            String word = sep.words().get(i);
            int tokens = Sbv2Symbols.isPunctuation(word) ? 1 : charTokenCount(word);
            word2ph.addAll(distribute(wordPhones.get(i).size(), tokens));
        }
        word2ph.add(1);

        List<String> phones = new ArrayList<>(aligned.size() + 2);
        List<Integer> tones = new ArrayList<>(aligned.size() + 2);
        phones.add("_");
        tones.add(0);
        for (PhoneTone pt : aligned) {
            phones.add(pt.phone());
            tones.add(pt.tone());
        }
        phones.add("_");
        tones.add(0);

        int sum = word2ph.stream().mapToInt(Integer::intValue).sum();
        if (phones.size() != sum) {
            throw new G2pException(phones.size() + " != " + sum);
        }
        // extract_bert_feature tokenizes the joined word surfaces and asserts this alignment
        String bertText = String.join("", sep.words());
        if (word2ph.size() != charTokenCount(bertText) + 2 || word2ph.size() != bertText.length() + 2) {
            throw new G2pException("word2ph does not align with the BERT text: " + bertText);
        }
        return new G2pResult(normText, bertText, List.copyOf(phones), List.copyOf(tones), List.copyOf(word2ph));
    }

    /** SBV2's {@code __align_tones}: punctuation (and anything past the accent list) gets tone 0. */
    static List<PhoneTone> alignTones(List<String> phonesWithPunct, List<PhoneTone> accent) {
        List<PhoneTone> result = new ArrayList<>(phonesWithPunct.size());
        int k = 0;
        for (String phone : phonesWithPunct) {
            if (k >= accent.size()) {
                result.add(new PhoneTone(phone, 0));
            } else if (phone.equals(accent.get(k).phone())) {
                result.add(new PhoneTone(phone, accent.get(k).tone()));
                k++;
            } else if (Sbv2Symbols.isPunctuation(phone)) {
                result.add(new PhoneTone(phone, 0));
            } else {
                throw new G2pException("Unexpected phone: " + phone);
            }
        }
        return result;
    }

    /** SBV2's {@code __distribute_phone}: one phone at a time to the leftmost least-filled slot. */
    static List<Integer> distribute(int phones, int slots) {
        if (slots == 0) {
            if (phones > 0) {
                throw new G2pException(phones + " phones for a word without characters");
            }
            return List.of();
        }
        int[] counts = new int[slots];
        for (int p = 0; p < phones; p++) {
            int min = 0;
            for (int s = 1; s < slots; s++) {
                if (counts[s] < counts[min]) {
                    min = s;
                }
            }
            counts[min]++;
        }
        List<Integer> out = new ArrayList<>(slots);
        for (int c : counts) {
            out.add(c);
        }
        return out;
    }

    /** Tokens of the character-level BERT tokenizer: NFKC, one per non-space character. */
    static int charTokenCount(String word) {
        String nfkc = Normalizer.normalize(word, Normalizer.Form.NFKC);
        return (int) nfkc.codePoints().filter(c -> !Character.isWhitespace(c)).count();
    }
}
