package dev.luna.tts.text.normalize;

import dev.luna.tts.text.G2pException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Expected values worked out from SBV2 2.7 normalizer.py and num2words' lang_JA. */
class Sbv2NormalizerTest {

    private static String n(String s) {
        return Sbv2Normalizer.normalize(s);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1100|千百",
            "52.34|五十二点三四",
            "10000|一万",
            "0|零",
            "110000|十一万",
            "10000000|千万",
            "12345|一万二千三百四十五",
            "100000000|一億",
            "1000000000000|一兆",
            "10000000000000000|一京",
            "123456789012|千二百三十四億五千六百七十八万九千十二",
            "3,000円|三千円",
            "1,234,567|百二十三万四千五百六十七",
            "$5|五ドル",
            "$1,000|千ドル",
            "¥100|百円",
            "£3|三ポンド",
            "€2.5|二点五ユーロ",
            "５０|五十",
            "007|七",
            "5.0|五",
            "1.10|一点一",
            "0.05|零点零五",
            "3.14|三点一四",
            "-5|-五",
            "−5|-五",
            "1e5|一e五",
            "2.3.4|二点三.四",
            // Decimal remainders keep 28 significant digits: 10^32 − 1 rounds up to 10^32
            "9999999999999999999999999999999999|九十九溝一溝",
    })
    void numbers(String in, String out) {
        assertEquals(out, n(in));
    }

    @Test
    void numbersFromTenToTheFiftyOneOverflowInNum2wordsAndAreReadDigitByDigit() {
        assertEquals("九百九十九極一極", n("9".repeat(51)));
        assertEquals("百極", n("1" + "0".repeat(50)));
        // num2words raises OverflowError from 10^51 on (SBV2 fails there): one digit at a time
        assertThrows(G2pException.class, () -> JapaneseNumberWords.num2words("1" + "0".repeat(51)));
        assertEquals("イチ" + "ゼロ".repeat(51), n("1" + "0".repeat(51)));
        assertEquals("合計イチ" + "ニー".repeat(399) + "円", n("合計1" + "2".repeat(399) + "円"));
        assertEquals("ゼロイチニーサンヨンゴーロクナナハチキュー".repeat(6),
                n("0123456789".repeat(6)));
        // a decimal whose integer part overflows, or whose float is infinite: the point is 点
        assertThrows(G2pException.class, () -> JapaneseNumberWords.num2words("1" + "0".repeat(60) + ".5"));
        assertEquals("イチ" + "ゼロ".repeat(60) + "テンゴー", n("1" + "0".repeat(60) + ".5"));
        assertEquals("イチ" + "ゼロ".repeat(400) + "テンゴー", n("1" + "0".repeat(400) + ".5"));
        // repr(1e-320) has exponent -320: 10**320 cannot become a float in num2words
        String tiny = "0." + "0".repeat(319) + "1";
        assertThrows(G2pException.class, () -> JapaneseNumberWords.num2words(tiny));
        assertEquals("ゼロテン" + "ゼロ".repeat(319) + "イチ", n(tiny));
        // below the smallest double it is 0.0 and num2words reads 零点零
        assertEquals("零点零", n("0." + "0".repeat(400) + "1"));
        // grouped and currency forms lose their commas first, as in SBV2
        assertEquals("イチ" + "ゼロ".repeat(54) + "ドル", n("$1" + ",000".repeat(18)));
    }

    @Test
    void longVowelTildes() {
        assertEquals("あーいーうー", n("あ~い～う〜"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "あ，い|あ,い", "あ。|あ.", "あ！|あ!", "あ？|あ?", "あ．|あ.", "あ…|あ...",
            "あ···|あ...", "あ・・・|あ...", "あ·い|あ,い", "あ・い|あ,い", "あ、い|あ,い", "あ$|あ.",
            "“あ”|'あ'", "`\"あ\"`|'あ'", "‘あ’|'あ'", "（あ）|'あ'", "(あ)|'あ'", "《あ》|'あ'",
            "【あ】|'あ'", "[あ]|'あ'", "「あ」|'あ'",
            "あ\u02d7い|あ-い", "あ\u2010い|あ-い", "あ\u2011い|あ-い", "あ\u2012い|あ-い",
            "あ\u2013い|あ-い", "あ\u2014い|あ-い", "あ\u2015い|あ-い", "あ\u2043い|あ-い",
            "あ\u2212い|あ-い", "あ\u23afい|あ-い", "あ\u23e4い|あ-い", "あ\u2500い|あ-い",
            "あ\u2501い|あ-い", "あ\u2e3aい|あ-い", "あ\u2e3bい|あ-い", "あ-い|あ-い",
            // full-width ： and ； become ASCII : ; under NFKC, which the map does not list: dropped
            "あ：い|あい", "あ；い|あい",
    })
    void punctuationMap(String in, String out) {
        assertEquals(out, n(in));
    }

    @Test
    void newlineBecomesFullStop() {
        assertEquals("あ.い", n("あ\nい"));
    }

    @Test
    void characterFilter() {
        assertEquals("あ", n("あ😀"));
        assertEquals("", n("안녕하세요"));
        assertEquals("", n("@#%&*+=/\\^_|<>{}"));
        assertEquals("αβΩ", n("αβΩ"));
        assertEquals("ABCxyz", n("ＡＢＣxyz"));
        assertEquals("caf", n("café"));
        assertEquals("漢字カナ々", n("漢字カナ々"));
        assertEquals("ア", n("ｱ"));
        assertEquals("", n(" \t\u3000"));
        assertEquals("あ", n("あ\uD800"));
        assertEquals("", n("\u0000\u0007"));
    }

    @Test
    void combiningDakutenIsDropped() {
        assertEquals("あ", n("あ\u3099"));
        assertEquals("な", n("な\u309a"));
        assertEquals("あ", n("あ゛"));
        // NFKC composes a base that has a voiced form: the mark is then part of the letter
        assertEquals("が", n("か\u3099"));
    }

    @Test
    void sbv2DocstringExamples() {
        assertEquals("??あ,,!!!", n("??あ、、！！！"));
        assertEquals("なるほど....", n("なるほど…。"));
        assertEquals("千百円", n("1,100円"));
    }
}
