package dev.luna.tts.text.g2p;

import dev.luna.tts.text.G2pException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * SBV2's {@code __g2phone_tone_wo_punct} and {@code __fix_phone_tone}: phonemes without
 * punctuation, each with tone 0/1 from the prosody marks ({@code [} +1, {@code ]} −1, reset at
 * {@code $ ? _ #}), {@code cl} written {@code q}.
 */
final class AccentTones {

    private AccentTones() {
    }

    static List<PhoneTone> of(List<String> prosody) {
        List<PhoneTone> result = new ArrayList<>();
        List<PhoneTone> phrase = new ArrayList<>();
        int tone = 0;
        for (int i = 0; i < prosody.size(); i++) {
            String s = prosody.get(i);
            switch (s) {
                case "^" -> {
                    if (i != 0) {
                        throw new G2pException("Unexpected ^");
                    }
                }
                case "$", "?", "_", "#" -> {
                    result.addAll(fix(phrase));
                    if ((s.equals("$") || s.equals("?")) && i != prosody.size() - 1) {
                        throw new G2pException("Unexpected " + s);
                    }
                    phrase = new ArrayList<>();
                    tone = 0;
                }
                case "[" -> tone++;
                case "]" -> tone--;
                default -> phrase.add(new PhoneTone(s.equals("cl") ? "q" : s, tone));
            }
        }
        // SBV2 drops a phrase no end mark closes (the caller then gives those phones tone 0)
        return result;
    }

    /** Tone sets {0} and {0,1} stay, {−1,0} becomes {0,1}; anything else is SBV2's error. */
    static List<PhoneTone> fix(List<PhoneTone> phrase) {
        Set<Integer> values = new TreeSet<>();
        phrase.forEach(p -> values.add(p.tone()));
        if (values.equals(Set.of(0)) || values.equals(Set.of(0, 1))) {
            return phrase;
        }
        if (values.equals(Set.of(-1, 0))) {
            return phrase.stream().map(p -> new PhoneTone(p.phone(), p.tone() == -1 ? 0 : 1)).toList();
        }
        throw new G2pException("Unexpected tone values: " + values);
    }
}
