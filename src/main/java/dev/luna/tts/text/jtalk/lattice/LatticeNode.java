package dev.luna.tts.text.jtalk.lattice;

import dev.luna.tts.text.jtalk.dictionary.BinaryDictionary;

/** One lattice node, with MeCab's list links: bnext (same begin), enext (same end), prev (best path). */
final class LatticeNode {

    final BinaryDictionary dictionary;
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
        this.token = token;
        this.leftId = token < 0 ? 0 : dictionary.tokens().leftId(token);
        this.rightId = token < 0 ? 0 : dictionary.tokens().rightId(token);
        this.wordCost = token < 0 ? 0 : dictionary.tokens().wordCost(token);
        this.surfaceStart = surfaceStart;
        this.length = length;
        this.rlength = rlength;
    }

    /** BOS / EOS: context id 0, no cost. */
    static LatticeNode boundary() {
        return new LatticeNode(null, -1, 0, 0, 0);
    }
}
