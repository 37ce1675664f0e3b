package dev.luna.tts.text.jtalk.lattice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.luna.tts.text.jtalk.dictionary.TestDictionaries;
import java.util.List;
import org.junit.jupiter.api.Test;

class MecabTokenizerTest {

    private final MecabTokenizer tokenizer = new MecabTokenizer(TestDictionaries.naistJdic());

    private List<String> surfaces(String text) {
        return tokenizer.parse(text).stream().map(Morpheme::surface).toList();
    }

    @Test
    void sentence() {
        List<Morpheme> m = tokenizer.parse("今日はいい天気です。");
        assertEquals(List.of("今日", "は", "いい", "天気", "です", "。"), m.stream().map(Morpheme::surface).toList());
        assertEquals("名詞,副詞可能,*,*,*,*,今日,キョウ,キョー,1/2,C3", m.get(0).feature());
    }

    @Test
    void tokyo() {
        assertEquals(List.of(new Morpheme("東京", "名詞,固有名詞,地域,一般,*,*,東京,トウキョウ,トーキョー,0/4,C2")),
                tokenizer.parse("東京"));
    }

    @Test
    void blankInputsGiveNothing() {
        assertEquals(List.of(), tokenizer.parse(""));
        assertEquals(List.of(), tokenizer.parse("   \t "));
    }

    @Test
    void spacesAreSkippedNotReturned() {
        assertEquals(List.of("今日", "は"), surfaces("  今日 \t は  "));
    }

    @Test
    void unknownWordsUseUnkFeature() {
        // naist-jdic has no entry for these kanji: one grouped KANJI unknown word per two chars (length rule)
        assertEquals(List.of(new Morpheme("皅暖", "名詞,一般,*,*,*,*,*")), tokenizer.parse("皅暖"));
    }

    @Test
    void anyUnicodeIsSafe() {
        String weird = "\uD800a\uDFFF😀\u0000\u0007\uFFFF\uFFFE𠀋z";
        List<Morpheme> m = tokenizer.parse(weird);
        assertTrue(m.stream().noneMatch(x -> x.surface().isEmpty()));
        assertEquals("a😀", String.join("", surfaces("\uD800a\uDFFF😀")));
    }

    @Test
    void longInputHasNoLimit() {
        String sentence = "今日はいい天気です。";
        String text = sentence.repeat(5000);
        List<Morpheme> m = tokenizer.parse(text);
        assertEquals(6 * 5000, m.size());
        assertEquals(text, String.join("", m.stream().map(Morpheme::surface).toList()));
        // a grouped run longer than MeCab's 24-char limit falls back to shorter pieces
        assertTrue(tokenizer.parse("ア".repeat(100)).size() > 1);
    }

    @Test
    void randomUtf16NeverThrowsAndSurfacesFollowTheInput() {
        java.util.Random random = new java.util.Random(42);
        for (int n = 0; n < 3000; n++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(120);
            for (int i = 0; i < length; i++) {
                int kind = random.nextInt(6);
                sb.append(switch (kind) {
                    case 0 -> (char) random.nextInt(0x80);
                    case 1 -> (char) (0x3040 + random.nextInt(0xc0));
                    case 2 -> (char) (0x4e00 + random.nextInt(0x5000));
                    case 3 -> (char) (0xd800 + random.nextInt(0x800)); // surrogates, paired or not
                    case 4 -> (char) (0xff00 + random.nextInt(0x100));
                    default -> (char) random.nextInt(0x10000);
                });
            }
            String text = sb.toString();
            for (String input : new String[] {text, Text2Mecab.convert(text)}) {
                List<Morpheme> morphemes = tokenizer.parse(input);
                String clean = new String(Utf8Bytes.encode(input), java.nio.charset.StandardCharsets.UTF_8);
                int at = 0;
                for (Morpheme m : morphemes) {
                    assertTrue(!m.surface().isEmpty() && !m.feature().isEmpty(), input);
                    int found = clean.indexOf(m.surface(), at);
                    assertTrue(found >= at, () -> "surface " + m.surface() + " not in order in " + input);
                    at = found + m.surface().length();
                }
            }
        }
    }
}
