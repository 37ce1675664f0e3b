package dev.luna.tts.text;

/**
 * Generator inputs for one utterance after SBV2's {@code cleaned_text_to_sequence} and blank
 * interspersing: symbol ids, tone ids (JP offset applied), language ids, and word2ph adjusted
 * for the blanks (every entry doubled, first +1), so {@code sum(word2ph) == phoneIds.length}.
 */
public record ModelInput(long[] phoneIds, long[] toneIds, long[] languageIds, int[] word2ph) {
}
