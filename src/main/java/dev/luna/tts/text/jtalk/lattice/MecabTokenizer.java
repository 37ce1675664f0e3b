package dev.luna.tts.text.jtalk.lattice;

import dev.luna.tts.text.jtalk.dictionary.BinaryDictionary;
import dev.luna.tts.text.jtalk.dictionary.CharProperty;
import dev.luna.tts.text.jtalk.dictionary.ConnectionMatrix;
import dev.luna.tts.text.jtalk.dictionary.MecabDictionary;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * MeCab 0.996's tokenizer and Viterbi search (Tokenizer::lookup, Viterbi::viterbi/connect), mirrored step by
 * step so that the best path, ties included, is the one Debian's mecab prints. Works on the UTF-8 bytes of the
 * text; expects text already passed through {@link Text2Mecab}. Thread-safe: all state lives in one parse call.
 * <p>
 * Input that MeCab never sees from OpenJTalk: lone surrogates have no UTF-8 form and are dropped; U+0000 is
 * tokenized like any other character (code 0, DEFAULT) where MeCab's C string would end. No length limit:
 * MeCab's own per-lookup 65535-byte window is kept, and costs are 64-bit, with the search starting from
 * Long.MAX_VALUE instead of MeCab's 2147483647 (where MeCab would fail with "too long sentence").
 */
public final class MecabTokenizer {

    /** MeCab's DEFAULT_MAX_GROUPING_SIZE: a grouped unknown word is added while ≤ 24 chars follow its first. */
    static final int MAX_GROUPING_SIZE = 24;
    /** Tokenizer::lookup looks at most 65535 bytes ahead. */
    static final int MAX_LOOKUP_BYTES = 65535;
    /** Size of MeCab's Allocator result buffer for common-prefix search. */
    static final int MAX_PREFIX_RESULTS = 512;

    private final BinaryDictionary system;
    private final BinaryDictionary unknown;
    private final ConnectionMatrix matrix;
    private final CharProperty chars;
    private final MecabDictionary dictionary;
    private final int spaceInfo;

    public MecabTokenizer(MecabDictionary dictionary) {
        this.dictionary = dictionary;
        this.system = dictionary.system();
        this.unknown = dictionary.unknown();
        this.matrix = dictionary.matrix();
        this.chars = dictionary.charProperty();
        this.spaceInfo = chars.info(0x20); // MeCab: space_ = getCharInfo(0x20), "ad-hoc"
    }

    /** The best path between BOS and EOS, as MeCab prints it (surface, feature). Never null; empty for blank text. */
    public List<Morpheme> parse(String converted) {
        return parse(converted, List.of());
    }

    /**
     * {@link #parse(String)} with user dictionaries, as {@code mecab -u first.dic,second.dic}: at every position
     * the matches of sys.dic, then of each user dictionary in list order, enter the lattice (and any match
     * suppresses unknown-word processing for a character class without {@code invoke}, as in MeCab).
     *
     * @throws IllegalArgumentException when a user dictionary uses a context id outside the matrix
     */
    public List<Morpheme> parse(String converted, List<? extends UserLexicon> userDictionaries) {
        UserLexicon[] user = userDictionaries.toArray(new UserLexicon[0]);
        int contextIds = Math.min(matrix.leftSize(), matrix.rightSize());
        for (UserLexicon lexicon : user) {
            // mecab-dict-index refuses such rows ("invalid ids are found"); here they would index past the matrix
            if (lexicon.maxContextId() >= contextIds) {
                throw new IllegalArgumentException("user dictionary uses context id " + lexicon.maxContextId()
                        + " but the matrix has " + contextIds);
            }
        }
        Sentence s = new Sentence(Utf8Bytes.encode(converted));
        LatticeNode eos = viterbi(s, user);
        List<Morpheme> out = new ArrayList<>();
        for (LatticeNode n = eos.prev; n != null && n.prev != null; n = n.prev) {
            out.add(new Morpheme(new String(s.bytes, n.surfaceStart, n.length, StandardCharsets.UTF_8), n.feature()));
        }
        Collections.reverse(out);
        return out;
    }

    private LatticeNode viterbi(Sentence s, UserLexicon[] user) {
        int len = s.bytes.length;
        LatticeNode[] endNodes = new LatticeNode[len + 1];
        endNodes[0] = LatticeNode.boundary();
        Lookup q = new Lookup(s, user);
        for (int pos = 0; pos < len; pos++) {
            if (endNodes[pos] != null) {
                connect(pos, lookup(q, pos), endNodes);
            }
        }
        LatticeNode eos = LatticeNode.boundary();
        for (int pos = len; pos >= 0; pos--) {
            if (endNodes[pos] != null) {
                connect(pos, eos, endNodes);
                break;
            }
        }
        return eos;
    }

    /**
     * Viterbi::connect: each right node (begin-list order) takes the first left node (end-list order, most
     * recently connected first) with the strictly lowest cost. MeCab starts from 2147483647 and fails the
     * sentence when nothing is lower; here the search starts from Long.MAX_VALUE so no sentence fails.
     */
    private void connect(int pos, LatticeNode rightNodes, LatticeNode[] endNodes) {
        for (LatticeNode r = rightNodes; r != null; r = r.bnext) {
            long bestCost = Long.MAX_VALUE;
            LatticeNode best = null;
            for (LatticeNode l = endNodes[pos]; l != null; l = l.enext) {
                long cost = l.cost + (matrix.cost(l.rightId, r.leftId) + r.wordCost);
                if (cost < bestCost) {
                    best = l;
                    bestCost = cost;
                }
            }
            r.prev = best;
            r.cost = bestCost;
            int x = pos + r.rlength;
            if (x < endNodes.length) { // MeCab stores nodes running past the end too, but never reads them
                r.enext = endNodes[x];
                endNodes[x] = r;
            }
        }
    }

    /** Tokenizer::lookup for the byte position {@code begin}; returns the begin list (last added first). */
    private LatticeNode lookup(Lookup q, int begin) {
        Sentence s = q.s;
        int end = Math.min(s.bytes.length, begin + MAX_LOOKUP_BYTES);
        q.reset(begin);

        // skip SPACE characters, comparing each with the previous one
        int begin2 = q.seek(begin, end, spaceInfo);
        int cinfo = q.lastInfo;
        int mblen = q.mblen;

        int searchLength = end - begin2;
        if (searchLength == 0) { // Darts treats a zero length as "up to the NUL terminator"
            searchLength = s.cStringLength(begin2) - begin2;
        }
        int found = system.doubleArray().commonPrefixSearch(s.bytes, begin2, searchLength, q.values, q.lengths);
        for (int i = 0; i < found; i++) {
            int first = q.values[i] >>> 8;
            int count = q.values[i] & 0xff;
            for (int j = 0; j < count; j++) {
                q.add(system, first + j, begin2, q.lengths[i]);
            }
        }
        for (UserLexicon lexicon : q.user) {
            int keys = lexicon.commonPrefixSearch(s.bytes, begin2, searchLength, q.values, q.counts, q.lengths);
            for (int i = 0; i < keys; i++) {
                int first = q.values[i];
                int count = q.counts[i];
                for (int j = 0; j < count; j++) {
                    q.addUser(lexicon, first + j, begin2, q.lengths[i]);
                }
            }
        }
        if (q.result != null && !CharProperty.invoke(cinfo)) {
            return q.result;
        }

        int begin3 = begin2 + mblen;
        int groupBegin3 = -1;
        if (begin3 > end) {
            q.addUnknown(cinfo, begin2, begin3);
            if (q.result != null) {
                return q.result;
            }
        }
        if (CharProperty.group(cinfo)) {
            int afterFirst = begin3;
            begin3 = q.seek(begin3, end, cinfo);
            if (q.clen <= MAX_GROUPING_SIZE) {
                q.addUnknown(cinfo, begin2, begin3);
            }
            groupBegin3 = begin3;
            begin3 = afterFirst;
        }
        for (int i = 1; i <= CharProperty.length(cinfo); i++) {
            if (begin3 > end) {
                break;
            }
            if (begin3 == groupBegin3) {
                continue;
            }
            q.addUnknown(cinfo, begin2, begin3);
            int next = q.charInfo(begin3, end);
            if (!CharProperty.isKindOf(cinfo, next)) {
                break;
            }
            begin3 += q.mblen;
        }
        if (q.result == null) {
            q.addUnknown(cinfo, begin2, begin3);
        }
        return q.result;
    }

    /** The sentence bytes, read like MeCab's NUL-terminated buffer. */
    private record Sentence(byte[] bytes) {

        int byteAt(int p) {
            return p < bytes.length ? bytes[p] & 0xff : 0;
        }

        int cStringLength(int from) {
            int p = from;
            while (p < bytes.length && bytes[p] != 0) {
                p++;
            }
            return p;
        }
    }

    /** Working state of a lookup (reused along one sentence): the begin list being built, MeCab's mblen/clen. */
    private final class Lookup {

        final Sentence s;
        final UserLexicon[] user;
        int begin;
        final int[] values = new int[MAX_PREFIX_RESULTS];
        final int[] lengths = new int[MAX_PREFIX_RESULTS];
        final int[] counts = new int[MAX_PREFIX_RESULTS];
        LatticeNode result;
        int mblen;
        int clen;
        int lastInfo;

        Lookup(Sentence s, UserLexicon[] user) {
            this.s = s;
            this.user = user;
        }

        void reset(int position) {
            begin = position;
            result = null;
            mblen = 0;
            clen = 0;
            lastInfo = 0;
        }

        void add(BinaryDictionary dic, int token, int surfaceStart, int length) {
            LatticeNode node = new LatticeNode(dic, token, surfaceStart, length, surfaceStart - begin + length);
            node.bnext = result;
            result = node;
        }

        void addUser(UserLexicon lexicon, int entry, int surfaceStart, int length) {
            LatticeNode node = new LatticeNode(lexicon, entry, surfaceStart, length, surfaceStart - begin + length);
            node.bnext = result;
            result = node;
        }

        /** MeCab's ADDUNKNWON: every unk.dic entry of the default type of {@code cinfo}. */
        void addUnknown(int cinfo, int begin2, int begin3) {
            int category = CharProperty.defaultType(cinfo);
            if (category >= chars.categories().size()) {
                return;
            }
            int first = dictionary.unknownFirstToken(category);
            int count = dictionary.unknownTokenCount(category);
            for (int k = 0; k < count; k++) {
                add(unknown, first + k, begin2, begin3 - begin2);
            }
        }

        /** CharProperty::seekToOtherType: advance while each char shares a category with the previous one. */
        int seek(int from, int end, int start) {
            int c = start;
            int p = from;
            clen = 0;
            while (p < end) {
                int info = charInfo(p, end);
                lastInfo = info;
                if (!CharProperty.isKindOf(c, info)) {
                    break;
                }
                p += mblen;
                clen++;
                c = info;
            }
            return p;
        }

        /** getCharInfo via MeCab's utf8_to_ucs2: codes beyond the BMP and malformed bytes read as code 0. */
        int charInfo(int p, int end) {
            int len = end - p;
            int b0 = s.byteAt(p);
            int code;
            if (b0 < 0x80) {
                mblen = 1;
                code = b0;
            } else if (len >= 2 && (b0 & 0xe0) == 0xc0) {
                mblen = 2;
                code = (b0 & 0x1f) << 6 | s.byteAt(p + 1) & 0x3f;
            } else if (len >= 3 && (b0 & 0xf0) == 0xe0) {
                mblen = 3;
                code = (b0 & 0x0f) << 12 | (s.byteAt(p + 1) & 0x3f) << 6 | s.byteAt(p + 2) & 0x3f;
            } else if (len >= 4 && (b0 & 0xf8) == 0xf0) {
                mblen = 4;
                code = 0;
            } else if (len >= 5 && (b0 & 0xfc) == 0xf8) {
                mblen = 5;
                code = 0;
            } else if (len >= 6 && (b0 & 0xfe) == 0xfc) {
                mblen = 6;
                code = 0;
            } else {
                mblen = 1;
                code = 0;
            }
            return chars.info(code);
        }
    }
}
