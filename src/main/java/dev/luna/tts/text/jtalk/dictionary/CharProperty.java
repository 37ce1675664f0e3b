package dev.luna.tts.text.jtalk.dictionary;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * char.bin: uint32 n, n × 32-byte category names, then one uint32 CharInfo per code U+0000–U+FFFE:
 * bits 0–17 category mask, 18–25 default type, 26–29 length, 30 group, 31 invoke.
 * (MeCab's utf8_to_ucs2 turns characters outside the BMP into code 0; the tokenizer does the same.)
 */
public final class CharProperty {

    static final int NAME_SIZE = 32;
    static final int CODES = 0xffff;

    private final List<String> categories;
    private final ByteBuffer infos;

    private CharProperty(List<String> categories, ByteBuffer infos) {
        this.categories = categories;
        this.infos = infos;
    }

    static CharProperty open(Path file) {
        ByteBuffer whole = MappedFile.map(file);
        long size = whole.capacity();
        if (size < 4) {
            throw DictionaryException.of(file, "file is truncated (" + size + " bytes)");
        }
        long n = Integer.toUnsignedLong(whole.getInt(0));
        long expected = 4 + NAME_SIZE * n + 4L * CODES;
        if (n == 0 || n > 18 || expected != size) {
            throw DictionaryException.of(file, "size " + size + " does not match " + n
                    + " categories (expected " + expected + " bytes; corrupt or truncated)");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(BinaryDictionary.readCString(whole, 4 + NAME_SIZE * i, NAME_SIZE));
        }
        int infoOffset = 4 + NAME_SIZE * (int) n;
        return new CharProperty(List.copyOf(names), MappedFile.slice(whole, infoOffset, 4 * CODES));
    }

    public List<String> categories() {
        return categories;
    }

    /**
     * Packed CharInfo for a UCS-2 code. The table ends at U+FFFE; for U+FFFF MeCab reads the 4 bytes just past
     * the end of char.bin, which the memory map fills with zeros, so codes outside the table give 0 (no category).
     */
    public int info(int code) {
        return code >= 0 && code < CODES ? infos.getInt(4 * code) : 0;
    }

    public static int categoryMask(int info) {
        return info & 0x3ffff;
    }

    public static int defaultType(int info) {
        return (info >>> 18) & 0xff;
    }

    public static int length(int info) {
        return (info >>> 26) & 0xf;
    }

    public static boolean group(int info) {
        return ((info >>> 30) & 1) != 0;
    }

    public static boolean invoke(int info) {
        return (info >>> 31) != 0;
    }

    /** MeCab's CharInfo::isKindOf: the category masks intersect. */
    public static boolean isKindOf(int info, int other) {
        return (categoryMask(info) & categoryMask(other)) != 0;
    }
}
