package dev.luna.tts.text.jtalk.lattice;

/**
 * A dictionary that {@link MecabTokenizer} consults after sys.dic at every lookup position, the way
 * MeCab 0.996 consults each dictionary given with {@code -u} (Tokenizer::lookup walks {@code dic_} =
 * sys.dic, then the user dictionaries in order). Entries are grouped by surface key; within a key they keep
 * the order mecab-dict-index gives them (stable sort by surface bytes, so CSV order for equal surfaces).
 * Implementations must be immutable (one analysis may run while another thread swaps in a new lexicon).
 */
public interface UserLexicon {

    /**
     * Darts' commonPrefixSearch as MeCab calls it: every key that is a prefix of
     * {@code text[from, from + length)}, shortest first. For the i-th key writes its first entry, its
     * entry count and its byte length; returns how many keys were written (at most {@code firstEntry.length}).
     */
    int commonPrefixSearch(byte[] text, int from, int length, int[] firstEntry, int[] entryCount, int[] keyLength);

    /** Left context id (lcAttr) of an entry. */
    int leftId(int entry);

    /** Right context id (rcAttr) of an entry. */
    int rightId(int entry);

    /** Word cost (wcost, a 16-bit value in MeCab's token). */
    int wordCost(int entry);

    /** The feature CSV (the row without surface, ids and cost), as MeCab prints it. */
    String feature(int entry);

    /** The largest context id any entry uses (-1 when empty): checked against the matrix before a parse. */
    int maxContextId();
}
