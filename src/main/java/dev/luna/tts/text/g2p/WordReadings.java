package dev.luna.tts.text.g2p;

import dev.luna.tts.text.G2pException;
import dev.luna.tts.text.jtalk.NjdFeature;
import dev.luna.tts.text.normalize.Sbv2Normalizer;

import java.util.ArrayList;
import java.util.List;

/**
 * SBV2's {@code text_to_sep_kata} (raise_yomi_error=False, as at inference): each frontend word's
 * surface after the punctuation map, and its reading — the pronunciation without devoicing marks,
 * the punctuation itself for punctuation, {@code '} per character for words OpenJTalk cannot read.
 */
record WordReadings(List<String> words, List<String> readings) {

    static WordReadings of(List<NjdFeature> features) {
        List<String> words = new ArrayList<>(features.size());
        List<String> readings = new ArrayList<>(features.size());
        for (NjdFeature f : features) {
            String word = Sbv2Normalizer.replacePunctuation(f.string());
            String reading = f.pron().replace("’", "");
            if (reading.isEmpty()) {
                throw new G2pException("Empty yomi: " + word);
            }
            if (reading.equals("、")) {
                boolean punctuationOnly = word.codePoints()
                        .allMatch(c -> Sbv2Symbols.isPunctuation(Character.toString(c)));
                reading = punctuationOnly ? word : "'".repeat(word.codePointCount(0, word.length()));
            } else if (reading.equals("？")) {
                if (!word.equals("?")) {
                    throw new G2pException("yomi ？ comes from: " + word);
                }
                reading = "?";
            }
            words.add(word);
            readings.add(reading);
        }
        return new WordReadings(List.copyOf(words), List.copyOf(readings));
    }
}
