package dev.luna.tts.text.jtalk.lattice;

import dev.luna.tts.text.jtalk.dictionary.BinaryDictionary;

/** One lattice node, with MeCab's list links: bnext (same begin), enext (same end), prev (best path). */
final class LatticeNode {

    /** sys.dic or unk.dic of the node's token, or null for a user-dictionary entry or BOS/EOS. */
    final BinaryDictionary dictionary;
    /** The user dictionary of the node's entry, or null. */
    final UserLexicon lexicon;
    final int token;
    final int leftId;
    final int rightId;
    final int wordCost;
    /** Byte offset and length of the surface (after skipped spaces). */
    final int surfaceStart;
    final int length;
    /** Bytes from the lookup position to the node's end (skipped spaces included). */
    final int rlength;

    long cost;
    LatticeNode prev;
    LatticeNode bnext;
    LatticeNode enext;

    LatticeNode(BinaryDictionary dictionary, int token, int surfaceStart, int length, int rlength) {
        this.dictionary = dictionary;
        this.lexicon = null;
        this.token = token;
        this.leftId = token < 0 ? 0 : dictionary.tokens().leftId(token);
        this.rightId = token < 0 ? 0 : dictionary.tokens().rightId(token);
        this.wordCost = token < 0 ? 0 : dictionary.tokens().wordCost(token);
        this.surfaceStart = surfaceStart;
        this.length = length;
        this.rlength = rlength;
    }

    LatticeNode(UserLexicon lexicon, int entry, int surfaceStart, int length, int rlength) {
        this.dictionary = null;
        this.lexicon = lexicon;
        this.token = entry;
        this.leftId = lexicon.leftId(entry);
        this.rightId = lexicon.rightId(entry);
        this.wordCost = lexicon.wordCost(entry);
        this.surfaceStart = surfaceStart;
        this.length = length;
        this.rlength = rlength;
    }

    String feature() {
        return lexicon != null ? lexicon.feature(token) : dictionary.feature(token);
    }

    /** BOS / EOS: context id 0, no cost. */
    static LatticeNode boundary() {
        return new LatticeNode((BinaryDictionary) null, -1, 0, 0, 0);
    }
}
