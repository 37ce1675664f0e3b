package dev.luna.tts.text.jtalk.njd;

import dev.luna.tts.text.jtalk.lattice.Morpheme;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Focused NJD cases. Morphemes are Debian mecab's output on the text2mecab-converted text and
 * the expected lines are open_jtalk 1.11's "[Text analysis result]" for the same input.
 */
class NjdRulesTest {

    private static List<String> run(String... surfaceAndFeature) {
        List<Morpheme> morphemes = new ArrayList<>();
        for (int i = 0; i < surfaceAndFeature.length; i += 2) {
            morphemes.add(new Morpheme(surfaceAndFeature[i], surfaceAndFeature[i + 1]));
        }
        return Njd.analyze(morphemes).stream().map(Njd::format).toList();
    }

    @Test
    void compoundEntryBecomesTwoChainedNodes() {
        assertEquals(List.of(
                        "ありがとう,感動詞,*,*,*,*,*,ありがとう,アリガトウ,アリガトー,2/5,-1,-1",
                        "ございます,感動詞,*,*,*,*,*,ございます,ゴザイマス,ゴザイマス’,4/5,-1,0"),
                run("ありがとうございます",
                        "感動詞,*,*,*,*,*,ありがとう:ございます,アリガトウ:ゴザイマス,アリガトー:ゴザイマス’,2/5:4/5,-1"));
    }

    @Test
    void commaSeparatedNumberIsReadAsNumberAndTwentiethDayIsHatsuka() {
        assertEquals(List.of(
                        "千,名詞,数,*,*,*,*,千,セン,セン,1/2,*,-1",
                        "二,名詞,数,*,*,*,*,二,ニ,ニ,3/1,C3,0",
                        "百,名詞,数,*,*,*,*,百,ヒャク,ヒャク,2/2,*,1",
                        "三,名詞,数,*,*,*,*,三,サン,サン,1/2,C3,0",
                        "十,名詞,数,*,*,*,*,十,ジュウ,ジュー,1/2,*,1",
                        "四,名詞,数,*,*,*,*,四,ヨン,ヨ,1/1,C1,0",
                        "円,名詞,接尾,助数詞,*,*,*,円,エン,エン,1/2,C3,1",
                        "と,助詞,並立助詞,*,*,*,*,と,ト,ト,0/1,形容詞%F1/動詞%F1,1",
                        "二十日,名詞,副詞可能,*,*,*,*,二十日,ハツカ,ハツ’カ,0/3,*,0"),
                run("１", "名詞,数,*,*,*,*,１,イチ,イチ,2/2,C3",
                        "，", "名詞,数,*,*,*,*,，,，,，,*/*,*",
                        "２", "名詞,数,*,*,*,*,２,ニ,ニ,1/1,C3",
                        "３", "名詞,数,*,*,*,*,３,サン,サン,0/2,C3",
                        "４", "名詞,数,*,*,*,*,４,ヨン,ヨン,1/2,C1",
                        "円", "名詞,接尾,助数詞,*,*,*,円,エン,エン,1/2,C3",
                        "と", "助詞,並立助詞,*,*,*,*,と,ト,ト,0/1,形容詞%F1/動詞%F1",
                        "二", "名詞,数,*,*,*,*,二,ニ,ニ,1/1,C3",
                        "十", "名詞,数,*,*,*,*,十,ジュウ,ジュー,1/2,C3",
                        "日", "名詞,接尾,助数詞,*,*,*,日,ニチ,ニチ,1/2,C3"));
    }

    @Test
    void adjectiveThenNounStartsNewAccentPhraseAndDesuDevoices() {
        assertEquals(List.of(
                        "美しい,形容詞,自立,*,*,形容詞・イ段,基本形,美しい,ウツクシイ,ウツ’クシイ,4/5,*,-1",
                        "花,名詞,一般,*,*,*,*,花,ハナ,ハナ,2/2,C3,0",
                        "です,助動詞,*,*,*,特殊・デス,基本形,です,デス,デス’,1/2,名詞%F2@1/動詞%F1/形容詞%F2@0,1"),
                run("美しい", "形容詞,自立,*,*,形容詞・イ段,基本形,美しい,ウツクシイ,ウツクシイ,4/5,*",
                        "花", "名詞,一般,*,*,*,*,花,ハナ,ハナ,2/2,C3",
                        "です", "助動詞,*,*,*,特殊・デス,基本形,です,デス,デス’,1/2,名詞%F2@1/動詞%F1/形容詞%F2@0"));
    }

    @Test
    void shiOfVerbDevoicesBeforeTaAndAccentFollowsChainRule() {
        assertEquals(List.of(
                        "きしゃ,名詞,サ変接続,*,*,*,*,きしゃ,キシャ,キシャ,1/2,C3,-1",
                        "し,動詞,自立,*,*,サ変・スル,連用形,する,シ,シ’,2/1,*,0",
                        "た,助動詞,*,*,*,特殊・タ,基本形,た,タ,タ,0/1,動詞%F2@1/形容詞%F4@-2,1"),
                run("きしゃ", "名詞,サ変接続,*,*,*,*,きしゃ,キシャ,キシャ,1/2,C3",
                        "し", "動詞,自立,*,*,サ変・スル,連用形,する,シ,シ,0/1,*",
                        "た", "助動詞,*,*,*,特殊・タ,基本形,た,タ,タ,0/1,動詞%F2@1/形容詞%F4@-2"));
    }

    @Test
    void chainRuleAlternativeIsChosenByPreviousPos() {
        assertEquals(new SetAccentType.Rule("F2", 1), SetAccentType.getRule("名詞%F2@1/動詞%F1", "名詞"));
        assertEquals(new SetAccentType.Rule("F1", 0), SetAccentType.getRule("名詞%F2@1/動詞%F1", "動詞"));
        assertEquals(new SetAccentType.Rule("*", 0), SetAccentType.getRule("名詞%F2@1/動詞%F1", "助詞"));
        assertEquals(new SetAccentType.Rule("F4", -2), SetAccentType.getRule("動詞%F2@1/形容詞%F4@-2", "形容詞"));
        assertEquals(new SetAccentType.Rule("C3", 0), SetAccentType.getRule("C3", "名詞"));
    }

    @Test
    void sevenColumnUnknownWordsBecomePauseOrSpelledFiller() {
        assertEquals(List.of(
                        "😀,記号,一般,*,*,*,*,😀,、,、,0/0,*,-1",
                        "絵文字,名詞,一般,*,*,*,*,絵文字,エモジ,エモジ,0/3,C1,0",
                        "と,助詞,並立助詞,*,*,*,*,と,ト,ト,0/1,形容詞%F1/動詞%F1,1",
                        "記号,名詞,一般,*,*,*,*,記号,キゴウ,キゴー,0/3,C2,0",
                        "★,記号,一般,*,*,*,*,★,、,、,0/0,*,0",
                        "☆,記号,一般,*,*,*,*,☆,、,、,0/0,*,0"),
                run("😀", "記号,一般,*,*,*,*,*",
                        "絵文字", "名詞,一般,*,*,*,*,絵文字,エモジ,エモジ,0/3,C1",
                        "と", "助詞,並立助詞,*,*,*,*,と,ト,ト,0/1,形容詞%F1/動詞%F1",
                        "記号", "名詞,一般,*,*,*,*,記号,キゴウ,キゴー,0/3,C2",
                        "★", "記号,一般,*,*,*,*,★,★,★,*/*,*",
                        "☆", "記号,一般,*,*,*,*,☆,☆,☆,*/*,*"));
        assertEquals(List.of(
                        "ｘｙｚ,フィラー,*,*,*,*,*,ｘｙｚ,エックスワイズィー,エックスワイズィー,0/8,*,-1",
                        "だ,助動詞,*,*,*,特殊・ダ,基本形,だ,ダ,ダ,0/1,動詞%F1,1"),
                run("ｘｙｚ", "名詞,一般,*,*,*,*,*",
                        "だ", "助動詞,*,*,*,特殊・ダ,基本形,だ,ダ,ダ,0/1,動詞%F1"));
    }

    /**
     * open_jtalk prints no analysis for phoneme-less input, so these expectations come from
     * OpenJTalk 1.11's own NJD C code run on the same feature lines (a local build that matched
     * open_jtalk on all 1,500 goldens with output; not part of this repository).
     */
    @Test
    void symbolOnlyInputBecomesPausesAndLoneChouonIsFiller() {
        assertEquals(List.of(
                        "！,記号,一般,*,*,*,*,！,、,、,0/0,*,-1",
                        "！,記号,一般,*,*,*,*,！,、,、,0/0,*,0",
                        "！,記号,一般,*,*,*,*,！,、,、,0/0,*,0"),
                run("！", "記号,一般,*,*,*,*,！,！,！,*/*,*", "！", "記号,一般,*,*,*,*,！,！,！,*/*,*",
                        "！", "記号,一般,*,*,*,*,！,！,！,*/*,*"));
        assertEquals(List.of("ー,フィラー,*,*,*,*,*,ー,ー,ー,0/1,*,-1"), run("ー", "名詞,一般,*,*,*,*,*"));
        assertEquals(List.of("ヵヶ,記号,一般,*,*,*,*,ヵヶ,、,、,0/0,*,-1"), run("ヵヶ", "名詞,一般,*,*,*,*,*"));
    }

    @Test
    void emptyAndMalformedInputDoNotThrow() {
        assertEquals(List.of(), run());
        // lone surrogate, control characters, missing columns, stray ':' in acc: no exception
        run("\uD800", "名詞,一般,*,*,*,*,*", "\u0001", "", "x", "名詞,数", "ａ", "名詞,一般,*,*,*,*,a:b,ア:,ア,1/1:,C1",
                "１", "名詞,数,*,*,*,*,１,イチ,イチ,2/2,C3", "．", "名詞,数,*,*,*,*,．,．,．,*/*,*");
    }

    @Test
    void longNumeralRunsNeitherOverflowTheStackNorStall() {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < 20000; i++) {
            args.add("１");
            args.add("名詞,数,*,*,*,*,１,イチ,イチ,2/2,C3");
            args.add(i % 2 == 0 ? "，" : "．");
            args.add(i % 2 == 0 ? "名詞,数,*,*,*,*,，,，,，,*/*,*" : "名詞,数,*,*,*,*,．,．,．,*/*,*");
        }
        List<String> out = run(args.toArray(String[]::new));
        assertEquals("一,名詞,数,*,*,*,*,一,イチ,イチ,2/2,C3,-1", out.get(0));
    }
}
