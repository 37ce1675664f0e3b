package dev.luna.tts.text;

import java.util.List;

/**
 * SBV2 2.7 g2p output before symbol ids and blanks.
 *
 * @param normalizedText SBV2 {@code normalize_text} output the g2p ran on
 * @param bertText       the text BERT tokenizes (one token per character); {@code word2ph.size() == bertText.length() + 2}
 * @param phones         phone symbols with the two end pads ({@code _ k o N ... _})
 * @param tones          0/1 per phone
 * @param word2ph        phones per BERT token, pads included (1 at each end)
 */
public record G2pResult(String normalizedText, String bertText, List<String> phones,
                        List<Integer> tones, List<Integer> word2ph) {
}
