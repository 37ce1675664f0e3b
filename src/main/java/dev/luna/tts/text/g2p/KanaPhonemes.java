package dev.luna.tts.text.g2p;

import dev.luna.tts.text.G2pException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** SBV2's {@code __kata_to_phoneme_list} and {@code __handle_long}. */
final class KanaPhonemes {

    /** VOWELS of mora_list.py ("N" included). */
    private static final Set<String> VOWELS = Set.of("a", "i", "u", "e", "o", "N");

    private KanaPhonemes() {
    }

    /**
     * One word's reading → phonemes: punctuation runs stay as they are, katakana goes through the
     * mora table (longest match), ー after a phoneme repeats that phoneme's last letter, ー at the
     * start of the reading stays "ー" for {@link #handleLong}.
     */
    static List<String> of(String reading) {
        if (reading.codePoints().allMatch(c -> Sbv2Symbols.isPunctuation(Character.toString(c)))) {
            return reading.codePoints().mapToObj(Character::toString).toList();
        }
        if (!reading.codePoints().allMatch(c -> c >= 0x30A0 && c <= 0x30FF)) {
            throw new G2pException("Input must be katakana only: " + reading);
        }
        StringBuilder spaced = new StringBuilder();
        int i = 0;
        while (i < reading.length()) {
            String two = i + 2 <= reading.length() ? MoraTable.spaced(reading.substring(i, i + 2)) : null;
            if (two != null) {
                spaced.append(two);
                i += 2;
                continue;
            }
            String one = MoraTable.spaced(reading.substring(i, i + 1));
            spaced.append(one != null ? one : reading.substring(i, i + 1));
            i++;
        }
        // SBV2's (\w)(ー*) substitution: a word character followed by n × ー becomes it n+1 times
        StringBuilder longs = new StringBuilder();
        String s = spaced.toString();
        int j = 0;
        while (j < s.length()) {
            char c = s.charAt(j);
            longs.append(c);
            j++;
            if (Character.isLetterOrDigit(c) || c == '_') {
                while (j < s.length() && s.charAt(j) == 'ー') {
                    longs.append(' ').append(c);
                    j++;
                }
            }
        }
        return new ArrayList<>(Arrays.asList(longs.toString().strip().split(" ", -1)));
    }

    /**
     * A reading starting with ー takes the previous word's last phoneme when that is a vowel or N,
     * otherwise (or at the very start) "-"; ー following it copy the phoneme before them.
     */
    static void handleLong(List<List<String>> words) {
        for (int i = 0; i < words.size(); i++) {
            List<String> w = words.get(i);
            if (w.isEmpty()) {
                continue;
            }
            if (w.get(0).equals("ー")) {
                if (i != 0) {
                    List<String> prevWord = words.get(i - 1);
                    if (prevWord.isEmpty()) {
                        throw new G2pException("long vowel after a word without phonemes");
                    }
                    String prev = prevWord.get(prevWord.size() - 1);
                    w.set(0, VOWELS.contains(prev) ? prev : "-");
                } else {
                    w.set(0, "-");
                }
            }
            for (int k = 0; k < w.size(); k++) {
                if (w.get(k).equals("ー")) {
                    String before = w.get(Math.floorMod(k - 1, w.size()));
                    w.set(k, before.substring(before.length() - 1));
                }
            }
        }
    }
}
