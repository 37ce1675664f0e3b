package dev.luna.tts.text.jtalk.dictionary;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One compiled MeCab dictionary (sys.dic or unk.dic): 72-byte header (magic = file size XOR 0xef718f77,
 * version 102, type, lexsize, lsize, rsize, dsize, tsize, fsize, dummy, charset[32]) followed by the
 * double array, the token table and the feature strings.
 */
public final class BinaryDictionary {

    static final int MAGIC = 0xef718f77;
    static final int VERSION = 102;
    static final int HEADER_SIZE = 72;
    public static final int TYPE_SYSTEM = 0;
    public static final int TYPE_UNKNOWN = 2;

    private final int type;
    private final int leftSize;
    private final int rightSize;
    private final DoubleArray doubleArray;
    private final TokenTable tokens;
    private final FeatureTable features;

    private BinaryDictionary(int type, int leftSize, int rightSize, DoubleArray doubleArray, TokenTable tokens,
            FeatureTable features) {
        this.type = type;
        this.leftSize = leftSize;
        this.rightSize = rightSize;
        this.doubleArray = doubleArray;
        this.tokens = tokens;
        this.features = features;
    }

    static BinaryDictionary open(Path file, int expectedType) {
        ByteBuffer whole = MappedFile.map(file);
        long size = whole.capacity();
        if (size < HEADER_SIZE) {
            throw DictionaryException.of(file, "file is truncated (" + size + " bytes, header needs " + HEADER_SIZE + ")");
        }
        long magic = Integer.toUnsignedLong(whole.getInt(0) ^ MAGIC);
        if (magic != size) {
            throw DictionaryException.of(file, "bad magic: header says " + magic + " bytes but the file has " + size
                    + " (corrupt or truncated)");
        }
        int version = whole.getInt(4);
        if (version != VERSION) {
            throw DictionaryException.of(file, "incompatible dictionary version " + version + " (expected " + VERSION + ")");
        }
        int type = whole.getInt(8);
        if (type != expectedType) {
            throw DictionaryException.of(file, "wrong dictionary type " + type + " (expected " + expectedType + ")");
        }
        int leftSize = whole.getInt(16);
        int rightSize = whole.getInt(20);
        long dsize = Integer.toUnsignedLong(whole.getInt(24));
        long tsize = Integer.toUnsignedLong(whole.getInt(28));
        long fsize = Integer.toUnsignedLong(whole.getInt(32));
        if (HEADER_SIZE + dsize + tsize + fsize != size || dsize % 8 != 0 || tsize % TokenTable.TOKEN_SIZE != 0) {
            throw DictionaryException.of(file, "section sizes do not add up (header " + HEADER_SIZE + " + double array "
                    + dsize + " + tokens " + tsize + " + features " + fsize + " != file size " + size + ")");
        }
        String charset = readCString(whole, 40, 32);
        if (!charset.equalsIgnoreCase("UTF-8") && !charset.equalsIgnoreCase("UTF8")) {
            throw DictionaryException.of(file, "dictionary charset is '" + charset + "', only UTF-8 is supported");
        }
        int d = HEADER_SIZE;
        int t = d + (int) dsize;
        int f = t + (int) tsize;
        return new BinaryDictionary(type, leftSize, rightSize,
                new DoubleArray(MappedFile.slice(whole, d, (int) dsize)),
                new TokenTable(MappedFile.slice(whole, t, (int) tsize)),
                new FeatureTable(MappedFile.slice(whole, f, (int) fsize)));
    }

    static String readCString(ByteBuffer buffer, int offset, int max) {
        int end = offset;
        while (end < offset + max && buffer.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - offset];
        buffer.get(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public int type() {
        return type;
    }

    public int leftSize() {
        return leftSize;
    }

    public int rightSize() {
        return rightSize;
    }

    public DoubleArray doubleArray() {
        return doubleArray;
    }

    public TokenTable tokens() {
        return tokens;
    }

    /** Feature CSV of a token (without the surface). */
    public String feature(int token) {
        return features.feature(tokens.featureOffset(token));
    }
}
