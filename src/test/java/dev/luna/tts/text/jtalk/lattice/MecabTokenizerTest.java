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
}
