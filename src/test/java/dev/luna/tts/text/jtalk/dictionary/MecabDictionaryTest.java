package dev.luna.tts.text.jtalk.dictionary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MecabDictionaryTest {

    private final MecabDictionary dic = TestDictionaries.naistJdic();

    private List<String> entries(String surface) {
        byte[] key = surface.getBytes(StandardCharsets.UTF_8);
        int value = dic.system().doubleArray().exactMatch(key);
        List<String> out = new ArrayList<>();
        for (int t = value >>> 8; value >= 0 && t < (value >>> 8) + (value & 0xff); t++) {
            out.add(dic.system().feature(t));
        }
        return out;
    }

    @Test
    void headerFields() {
        assertEquals(BinaryDictionary.TYPE_SYSTEM, dic.system().type());
        assertEquals(BinaryDictionary.TYPE_UNKNOWN, dic.unknown().type());
        assertEquals(1377, dic.matrix().leftSize());
        assertEquals(1377, dic.matrix().rightSize());
        assertEquals(List.of("DEFAULT", "SPACE", "KANJI", "SYMBOL", "NUMERIC", "ALPHA", "HIRAGANA", "KATAKANA",
                "KANJINUMERIC", "GREEK", "CYRILLIC"), dic.charProperty().categories());
    }

    @Test
    void kyouHasTwoEntriesInCsvOrder() {
        List<String> features = entries("今日");
        assertEquals(2, features.size());
        assertEquals("名詞,副詞可能,*,*,*,*,今日,キョウ,キョー,1/2,C3", features.get(0));
        assertTrue(features.get(1).contains(",コンニチ,"), features.get(1));
    }

    @Test
    void tokyo() {
        assertEquals(List.of("名詞,固有名詞,地域,一般,*,*,東京,トウキョウ,トーキョー,0/4,C2"), entries("東京"));
    }

    @Test
    void prefixSearchFindsEveryPrefixShortestFirst() {
        byte[] key = "東京都庁".getBytes(StandardCharsets.UTF_8);
        int[] values = new int[16];
        int[] lengths = new int[16];
        int n = dic.system().doubleArray().commonPrefixSearch(key, 0, key.length, values, lengths);
        assertEquals(2, n); // 東, 東京 (no 東京都 entry)
        assertEquals(3, lengths[0]);
        assertEquals(6, lengths[1]);
        assertEquals(-1, dic.system().doubleArray().exactMatch("東京都庁舎ではない".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void connectionCostKyouToWa() {
        int kyou = dic.system().doubleArray().exactMatch("今日".getBytes(StandardCharsets.UTF_8)) >>> 8;
        int waValue = dic.system().doubleArray().exactMatch("は".getBytes(StandardCharsets.UTF_8));
        TokenTable tokens = dic.system().tokens();
        boolean found = false;
        for (int t = waValue >>> 8; t < (waValue >>> 8) + (waValue & 0xff); t++) {
            if (dic.system().feature(t).startsWith("助詞,係助詞")) {
                assertEquals(-3172, dic.matrix().cost(tokens.rightId(kyou), tokens.leftId(t)));
                found = true;
            }
        }
        assertTrue(found, "は as 係助詞 not found");
    }

    @Test
    void charProperty() {
        CharProperty cp = dic.charProperty();
        int kanji = cp.info('漢');
        assertEquals("KANJI", cp.categories().get(CharProperty.defaultType(kanji)));
        int space = cp.info(' ');
        assertEquals("SPACE", cp.categories().get(CharProperty.defaultType(space)));
        // U+FFFF is past the table: MeCab reads the zero fill after char.bin's end
        assertEquals(0, cp.info(0xFFFF));
        assertTrue(cp.info(0xFFFE) != 0);
        assertEquals("DEFAULT", cp.categories().get(CharProperty.defaultType(cp.info(0))));
    }

    private static Path copyDictionary(Path tmp) throws IOException {
        for (String f : new String[] {"sys.dic", "unk.dic", "matrix.bin", "char.bin"}) {
            Path target = tmp.resolve(f);
            if (f.equals("sys.dic")) {
                Files.createSymbolicLink(target, TestDictionaries.DIR.resolve(f));
            } else {
                Files.copy(TestDictionaries.DIR.resolve(f), target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return tmp;
    }

    private static void assertBroken(Path dir, Path file, String what) {
        DictionaryException e = assertThrows(DictionaryException.class, () -> MecabDictionary.open(dir));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(what), e.getMessage());
        assertTrue(e.getMessage().contains("open-jtalk-mecab-naist-jdic"), e.getMessage());
    }

    @Test
    void copyOpensFine(@TempDir Path tmp) throws IOException {
        MecabDictionary copy = MecabDictionary.open(copyDictionary(tmp));
        assertEquals(11, copy.charProperty().categories().size());
    }

    @Test
    void missingDirectory(@TempDir Path tmp) {
        assertBroken(tmp.resolve("nope"), tmp.resolve("nope").resolve("sys.dic"), "missing");
    }

    @Test
    void missingUnk(@TempDir Path tmp) throws IOException {
        copyDictionary(tmp);
        Files.delete(tmp.resolve("unk.dic"));
        assertBroken(tmp, tmp.resolve("unk.dic"), "missing");
    }

    @Test
    void brokenMagic(@TempDir Path tmp) throws IOException {
        copyDictionary(tmp);
        Path unk = tmp.resolve("unk.dic");
        byte[] bytes = Files.readAllBytes(unk);
        bytes[0] ^= 0x55;
        Files.write(unk, bytes);
        assertBroken(tmp, unk, "bad magic");
    }

    @Test
    void truncatedUnk(@TempDir Path tmp) throws IOException {
        copyDictionary(tmp);
        Path unk = tmp.resolve("unk.dic");
        byte[] bytes = Files.readAllBytes(unk);
        Files.write(unk, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        assertBroken(tmp, unk, "bad magic");
        Files.write(unk, java.util.Arrays.copyOf(bytes, 20));
        assertBroken(tmp, unk, "truncated");
    }

    @Test
    void wrongVersionAndSizes(@TempDir Path tmp) throws IOException {
        copyDictionary(tmp);
        Path unk = tmp.resolve("unk.dic");
        byte[] original = Files.readAllBytes(unk);
        ByteBuffer b = ByteBuffer.wrap(original.clone()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(4, 101);
        Files.write(unk, b.array());
        assertBroken(tmp, unk, "version 101");
        b = ByteBuffer.wrap(original.clone()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(24, b.getInt(24) + 8);
        Files.write(unk, b.array());
        assertBroken(tmp, unk, "do not add up");
        b = ByteBuffer.wrap(original.clone()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(8, 0);
        Files.write(unk, b.array());
        assertBroken(tmp, unk, "wrong dictionary type");
    }

    @Test
    void truncatedMatrixAndCharBin(@TempDir Path tmp) throws IOException {
        copyDictionary(tmp);
        Path matrix = tmp.resolve("matrix.bin");
        byte[] m = Files.readAllBytes(matrix);
        Files.write(matrix, java.util.Arrays.copyOf(m, m.length - 2));
        assertBroken(tmp, matrix, "truncated");
        Files.write(matrix, m);
        Path chars = tmp.resolve("char.bin");
        byte[] c = Files.readAllBytes(chars);
        Files.write(chars, java.util.Arrays.copyOf(c, c.length - 4));
        assertBroken(tmp, chars, "truncated");
    }
}
