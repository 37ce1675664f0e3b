package dev.luna.tts.text.jtalk.lattice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Text2MecabTest {

    @Test
    void asciiBecomesFullWidth() {
        assertEquals("ＡＢＣ　ａｂｃ　０１２３４５６７８９！＃＄％＆（）＊＋，．／：；＜＝＞？＠［］＾＿｛｜｝",
                Text2Mecab.convert("ABC abc 0123456789!#$%&()*+,./:;<=>?@[]^_{|}"));
    }

    @Test
    void specialAsciiTargets() {
        assertEquals("”’−〜￥‘\u3000", Text2Mecab.convert("\"'-~\\` "));
    }

    @Test
    void controlsAreDropped() {
        assertEquals("ａｂ", Text2Mecab.convert("\ta\r\n\u0000\u001fb\u007f"));
    }

    @Test
    void halfWidthKatakana() {
        assertEquals("ガギグパピプヴカタカナ。「」、・ヲァー", Text2Mecab.convert("ｶﾞｷﾞｸﾞﾊﾟﾋﾟﾌﾟｳﾞｶﾀｶﾅ｡｢｣､･ｦｧｰ"));
    }

    @Test
    void voicedMarksWithoutAVoicedFormAreDropped() {
        assertEquals("アワカ", Text2Mecab.convert("ﾞｱﾞﾜﾟｶﾟ"));
        assertEquals("ンバ", Text2Mecab.convert("ﾝﾞﾊﾞﾞ"));
    }

    @Test
    void otherTextIsCopied() {
        assertEquals("今日は、晴れ。😀ＡＢ×㈱", Text2Mecab.convert("今日は、晴れ。😀ＡＢ×㈱"));
    }

    @Test
    void loneSurrogatesAreDropped() {
        assertEquals("ａｂ😀", Text2Mecab.convert("\uD800a\uDC00b\uD83D\uDE00\uD83D"));
    }
}
