package dev.luna.tts.text.g2p;

import dev.luna.tts.text.G2pException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KanaPhonemesTest {

    private static List<String> p(String spaced) {
        return Arrays.asList(spaced.split(" "));
    }

    @Test
    void sbv2DocstringExamples() {
        assertEquals(p("ー ー s o o n a n o k a a a"), KanaPhonemes.of("ーーソーナノカーー"));
        assertEquals(p("?"), KanaPhonemes.of("?"));
        assertEquals(p("! ? ! ? ! ? ! ? !"), KanaPhonemes.of("!?!?!?!?!"));
    }

    @Test
    void longestMatchAndSpecialMoras() {
        assertEquals(p("ch o q t o"), KanaPhonemes.of("チョット"));
        assertEquals(p("k o N n i ch i w a"), KanaPhonemes.of("コンニチワ"));
        assertEquals(p("N N"), KanaPhonemes.of("ンー"));
        assertEquals(p("q q"), KanaPhonemes.of("ッー"));
        assertEquals(p("v a i o r i N"), KanaPhonemes.of("ヴァイオリン"));
        // デェ is not in SBV2's table: デ + ェ
        assertEquals(p("d e e"), KanaPhonemes.of("デェ"));
    }

    @Test
    void nonKatakanaIsATypedError() {
        assertThrows(G2pException.class, () -> KanaPhonemes.of("ab"));
        assertThrows(G2pException.class, () -> KanaPhonemes.of("あ"));
    }

    @Test
    void handleLong() {
        List<List<String>> words = new ArrayList<>();
        words.add(new ArrayList<>(p("k a")));
        words.add(new ArrayList<>(p("ー ー")));
        words.add(new ArrayList<>(p("q")));
        words.add(new ArrayList<>(p("ー")));
        words.add(new ArrayList<>(p("s a N")));
        words.add(new ArrayList<>(p("ー")));
        KanaPhonemes.handleLong(words);
        assertEquals(List.of(p("k a"), p("a a"), p("q"), p("-"), p("s a N"), p("N")), words);
    }
}
