package dev.luna.tts.text.g2p;

import dev.luna.tts.text.EmptyTextException;
import dev.luna.tts.text.G2pException;
import dev.luna.tts.text.G2pResult;
import dev.luna.tts.text.ModelInput;
import dev.luna.tts.text.Sbv2TextFrontend;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * SBV2 2.7 g2p on OpenJTalk's real output (open_jtalk fixtures). Every expected list was worked
 * out by hand from g2p.py's rules applied to the fixture's labels and NJD features.
 */
class Sbv2G2pTest {

    static final Sbv2TextFrontend FRONTEND = new Sbv2TextFrontend(new FixtureJapaneseFrontend());

    private static List<String> p(String spaced) {
        return Arrays.asList(spaced.split(" "));
    }

    private static List<Integer> i(int... v) {
        return Arrays.stream(v).boxed().toList();
    }

    private static void check(String norm, String bert, String phones, List<Integer> tones, List<Integer> word2ph) {
        G2pResult r = FRONTEND.g2p(norm);
        assertEquals(norm, r.normalizedText());
        assertEquals(p(phones), r.phones(), "phones");
        assertEquals(tones, r.tones(), "tones");
        assertEquals(word2ph, r.word2ph(), "word2ph");
        assertEquals(bert, r.bertText(), "bert text");
        assertEquals(r.bertText().length() + 2, r.word2ph().size());
    }

    @Test
    void workedExample() {
        String norm = FRONTEND.normalize("こんにちは。");
        assertEquals("こんにちは.", norm);
        G2pResult r = FRONTEND.g2p(norm);
        assertEquals(p("_ k o N n i ch i w a . _"), r.phones());
        assertEquals(i(0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0), r.tones());
        assertEquals(i(1, 2, 2, 2, 2, 1, 1, 1), r.word2ph());
        assertEquals("こんにちは.", r.bertText());
        ModelInput m = FRONTEND.toModelInput(r);
        long[] ids = {0, 57, 65, 5, 62, 40, 22, 40, 97, 8, 107, 0};
        long[] tones = {6, 6, 6, 7, 7, 7, 7, 7, 7, 7, 6, 6};
        assertArrayEquals(interspersed(ids), m.phoneIds());
        assertArrayEquals(interspersed(tones), m.toneIds());
        long[] langs = new long[12];
        Arrays.fill(langs, 1);
        assertArrayEquals(interspersed(langs), m.languageIds());
        assertArrayEquals(new int[]{3, 4, 4, 4, 4, 2, 2, 2}, m.word2ph());
        assertEquals(m.phoneIds().length, Arrays.stream(m.word2ph()).sum());
    }

    private static long[] interspersed(long[] v) {
        long[] out = new long[2 * v.length + 1];
        for (int k = 0; k < v.length; k++) {
            out[2 * k + 1] = v[k];
        }
        return out;
    }

    @Test
    void questionAtTheEnd() {
        // final sil has E3=1 → "?" mark; the ？ word reads "?" (tone 0)
        check("元気?", "元気?", "_ g e N k i ? _", i(0, 1, 1, 0, 0, 0, 0, 0), i(1, 3, 2, 1, 1));
    }

    @Test
    void questionInsideTheSentenceIsAPause() {
        check("元気?うん.", "元気?うん.", "_ g e N k i ? u N . _",
                i(0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0), i(1, 3, 2, 1, 1, 1, 1, 1));
    }

    @Test
    void wordInitialLongVowelAtTheStartIsADash() {
        // ー (filler, reading ー) first → "-"; ソー, カー lengthen their vowels
        check("ーそうなのかー", "ーそうなのかー", "_ - s o o n a n o k a a _",
                i(0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0), i(1, 1, 2, 1, 2, 2, 2, 1, 1));
    }

    @Test
    void longVowelInsideAReading() {
        check("すごーい!", "すごーい!", "_ s u g o o i ! _", i(0, 0, 0, 1, 1, 1, 0, 0, 0), i(1, 2, 2, 1, 1, 1, 1));
        check("コーヒーを飲む.", "コーヒーを飲む.", "_ k o o h i i o n o m u . _",
                i(0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0), i(1, 2, 2, 1, 1, 1, 2, 2, 1, 1));
    }

    @Test
    void wordInitialLongVowelAfterPunctuationIsADash() {
        // ーー after "," (not a vowel or N): first → "-", the next copies it; the filler has no label phonemes
        check("あっ,ーー.", "あっ,ーー.", "_ a q , - - . _", i(0, 1, 0, 0, 0, 0, 0, 0), i(1, 1, 1, 1, 1, 1, 1, 1));
        check("ちょっと待って,ーー", "ちょっと待って,ーー", "_ ch o q t o m a q t e , - - _",
                i(0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0), i(1, 2, 1, 1, 1, 2, 1, 2, 1, 1, 1, 1));
    }

    @Test
    void unreadableWordIsReadAsApostrophes() {
        // 龘 is not in naist-jdic: OpenJTalk gives pron 、 → one ' per character
        check("龘です.", "龘です.", "_ ' d e s u . _", i(0, 0, 1, 1, 0, 0, 0, 0), i(1, 1, 2, 2, 1, 1));
    }

    @Test
    void quotes() {
        assertEquals("'はい'", FRONTEND.normalize("「はい」"));
        check("'はい'", "'はい'", "_ ' h a i ' _", i(0, 0, 1, 1, 0, 0, 0), i(1, 1, 2, 1, 1, 1));
    }

    @Test
    void ellipsis() {
        assertEquals("なるほど....", FRONTEND.normalize("なるほど…。"));
        check("なるほど....", "なるほど....", "_ n a r u h o d o . . . . _",
                i(0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0), i(1, 2, 2, 2, 2, 1, 1, 1, 1, 1));
    }

    @Test
    void repeatedExclamationMarks() {
        check("ありがとう!!!", "ありがとう!!!", "_ a r i g a t o o ! ! ! _",
                i(0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0), i(1, 2, 2, 2, 1, 1, 1, 1, 1, 1));
    }

    @Test
    void latinIsSpelledAndBertSeesOpenJTalksFullWidthSurface() {
        check("abc", "ａｂｃ", "_ e e b i i sh i i _", i(0, 0, 1, 1, 1, 1, 1, 1, 1, 0), i(1, 3, 3, 2, 1));
    }

    @Test
    void accentPhrasesAndDevoicing() {
        check("今日は良い天気ですね.", "今日は良い天気ですね.",
                "_ ky o o w a y o i t e N k i d e s u n e . _",
                i(0, 1, 1, 0, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                i(1, 2, 1, 2, 2, 1, 3, 2, 2, 2, 2, 1, 1));
    }

    @Test
    void bertTextIsTheJoinedWordSurfaces() {
        // OpenJTalk reads 三四 after 点 as 三十四 and inserts a 十 node: BERT sees that surface
        G2pResult r = FRONTEND.g2p("五十二点三四ドル");
        assertEquals("五十二点三十四ドル", r.bertText());
        assertEquals(11, r.word2ph().size());
        assertEquals(r.phones().size(), r.word2ph().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void roundRobin() {
        assertEquals(i(2, 2, 2, 2, 1), Sbv2G2p.distribute(9, 5));
        assertEquals(i(2, 2, 2, 1, 1), Sbv2G2p.distribute(8, 5));
        assertEquals(i(1, 1, 0), Sbv2G2p.distribute(2, 3));
        assertEquals(i(0), Sbv2G2p.distribute(0, 1));
        assertEquals(List.of(), Sbv2G2p.distribute(0, 0));
        assertThrows(G2pException.class, () -> Sbv2G2p.distribute(1, 0));
    }

    @Test
    void emptyText() {
        assertThrows(EmptyTextException.class, () -> FRONTEND.normalize("😀안녕@#"));
        assertThrows(EmptyTextException.class, () -> FRONTEND.normalize(""));
        assertThrows(EmptyTextException.class, () -> FRONTEND.normalize(null));
        assertThrows(EmptyTextException.class, () -> FRONTEND.g2p(""));
    }

    @Test
    void unknownSymbolIsATypedError() {
        G2pResult bad = new G2pResult("x", "x", List.of("_", "x:", "_"), List.of(0, 0, 0), List.of(1, 1, 1));
        assertThrows(G2pException.class, () -> FRONTEND.toModelInput(bad));
    }
}
