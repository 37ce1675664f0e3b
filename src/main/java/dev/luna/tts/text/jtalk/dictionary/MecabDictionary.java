package dev.luna.tts.text.jtalk.dictionary;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A compiled MeCab dictionary folder (sys.dic, unk.dic, matrix.bin, char.bin), memory-mapped and validated
 * at open without reading the bulk of the data. Immutable and safe to share between threads.
 */
public final class MecabDictionary {

    private final Path directory;
    private final BinaryDictionary system;
    private final BinaryDictionary unknown;
    private final ConnectionMatrix matrix;
    private final CharProperty charProperty;
    private final int[] unknownFirst;
    private final int[] unknownCount;

    private MecabDictionary(Path directory, BinaryDictionary system, BinaryDictionary unknown,
            ConnectionMatrix matrix, CharProperty charProperty, int[] unknownFirst, int[] unknownCount) {
        this.directory = directory;
        this.unknownFirst = unknownFirst;
        this.unknownCount = unknownCount;
        this.system = system;
        this.unknown = unknown;
        this.matrix = matrix;
        this.charProperty = charProperty;
    }

    /** Opens {@code dir}; throws {@link DictionaryException} naming the file when one is missing or corrupt. */
    public static MecabDictionary open(Path dir) {
        BinaryDictionary system = BinaryDictionary.open(dir.resolve("sys.dic"), BinaryDictionary.TYPE_SYSTEM);
        BinaryDictionary unknown = BinaryDictionary.open(dir.resolve("unk.dic"), BinaryDictionary.TYPE_UNKNOWN);
        Path matrixFile = dir.resolve("matrix.bin");
        ConnectionMatrix matrix = ConnectionMatrix.open(matrixFile);
        for (BinaryDictionary dic : new BinaryDictionary[] {system, unknown}) {
            if (dic.leftSize() != matrix.leftSize() || dic.rightSize() != matrix.rightSize()) {
                throw DictionaryException.of(matrixFile, "matrix is " + matrix.leftSize() + "x" + matrix.rightSize()
                        + " but the dictionary uses " + dic.leftSize() + "x" + dic.rightSize() + " context ids");
            }
        }
        CharProperty charProperty = CharProperty.open(dir.resolve("char.bin"));
        // MeCab's Tokenizer::open: every character category needs its unknown-word entries in unk.dic.
        int categories = charProperty.categories().size();
        int[] first = new int[categories];
        int[] count = new int[categories];
        for (int i = 0; i < categories; i++) {
            String name = charProperty.categories().get(i);
            int value = unknown.doubleArray().exactMatch(name.getBytes(StandardCharsets.UTF_8));
            if (value < 0 || (value >>> 8) + (value & 0xff) > unknown.tokens().size()) {
                throw DictionaryException.of(dir.resolve("unk.dic"), "has no valid entry for character category " + name);
            }
            first[i] = value >>> 8;
            count[i] = value & 0xff;
        }
        return new MecabDictionary(dir, system, unknown, matrix, charProperty, first, count);
    }

    public Path directory() {
        return directory;
    }

    public BinaryDictionary system() {
        return system;
    }

    public BinaryDictionary unknown() {
        return unknown;
    }

    public ConnectionMatrix matrix() {
        return matrix;
    }

    public CharProperty charProperty() {
        return charProperty;
    }

    /** First unk.dic token of a character category (MeCab's unk_tokens_[category].first). */
    public int unknownFirstToken(int category) {
        return unknownFirst[category];
    }

    /** Number of unk.dic tokens of a character category. */
    public int unknownTokenCount(int category) {
        return unknownCount[category];
    }
}
