package dev.luna.tts.text.accent;

/**
 * One mora as VOICEVOX's AudioQuery carries it. {@code text} is katakana (or one SBV2 punctuation symbol);
 * consonant/vowel use VOICEVOX's phoneme names (ッ is {@code cl}, punctuation is {@code pau}). SBV2 predicts its own
 * durations and pitch, so the lengths and pitch are placeholders (0) that synthesis ignores.
 */
public record Mora(String text, String consonant, Double consonantLength, String vowel, double vowelLength,
                   double pitch) {
}
