package dev.luna.tts.text;

/** SBV2 2.7's Japanese text processing: normalization, g2p, and conversion to model ids. Thread-safe. */
public interface TextFrontend {

    /** SBV2 {@code normalize_text}; throws {@link EmptyTextException} when nothing readable remains. */
    String normalize(String text);

    /** SBV2 {@code g2p} on already normalized text. */
    G2pResult g2p(String normalizedText);

    /** Symbol ids, tone/language ids and word2ph with blanks interspersed. */
    ModelInput toModelInput(G2pResult g2p);
}
