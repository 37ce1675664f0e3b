package dev.luna.tts.text.jtalk.lattice;

/**
 * One node of MeCab's best path: the surface as it appeared in the (text2mecab-converted) input
 * and the dictionary feature CSV without the surface, exactly as MeCab prints it after the tab.
 */
public record Morpheme(String surface, String feature) {
}
