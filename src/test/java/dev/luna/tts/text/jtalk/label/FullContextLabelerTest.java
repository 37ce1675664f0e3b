package dev.luna.tts.text.jtalk.label;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.luna.tts.text.jtalk.NjdFeature;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Corner cases of JPCommon's label construction that real text rarely reaches. Expected labels
 * come from OpenJTalk 1.11's own njd2jpcommon + jpcommon C code fed the same NJD nodes.
 */
class FullContextLabelerTest {

    /** A long vowel right after a pause has no phoneme to repeat: the C drops it (with a warning). */
    @Test
    void aLongVowelAfterAPauseIsDroppedAndTheNextWordStartsABreathGroup() {
        List<NjdFeature> features = List.of(
                f("ア", "名詞", "一般", "*", "*", "*", "*", 1, -1),
                f("、", "記号", "読点", "*", "*", "*", "*", 0, 0),
                f("ーイ", "名詞", "一般", "*", "*", "*", "*", 0, 0));
        assertEquals(List.of(
                "xx^xx-sil+a=pau/A:xx+xx+xx/B:xx-xx_xx/C:xx_xx+xx/D:02+xx_xx/E:xx_xx!xx_xx-xx/F:xx_xx#xx_xx@xx_xx|xx_xx/G:1_1%0_xx_xx/H:xx_xx/I:xx-xx@xx+xx&xx-xx|xx+xx/J:1_1/K:2+2-2",
                "xx^sil-a+pau=i/A:0+1+1/B:xx-xx_xx/C:02_xx+xx/D:02+xx_xx/E:xx_xx!xx_xx-xx/F:1_1#0_xx@1_1|1_1/G:1_1%0_xx_0/H:xx_xx/I:1-1@1+2&1-2|1+2/J:1_1/K:2+2-2",
                "sil^a-pau+i=sil/A:xx+xx+xx/B:02-xx_xx/C:xx_xx+xx/D:02+xx_xx/E:1_1!0_xx-xx/F:xx_xx#xx_xx@xx_xx|xx_xx/G:1_1%0_xx_xx/H:1_1/I:xx-xx@xx+xx&xx-xx|xx+xx/J:1_1/K:2+2-2",
                "a^pau-i+sil=xx/A:0+1+1/B:02-xx_xx/C:02_xx+xx/D:xx+xx_xx/E:1_1!0_xx-0/F:1_1#0_xx@1_1|1_1/G:xx_xx%xx_xx_xx/H:1_1/I:1-1@2+1&2-1|2+1/J:xx_xx/K:2+2-2",
                "pau^i-sil+xx=xx/A:xx+xx+xx/B:02-xx_xx/C:xx_xx+xx/D:xx+xx_xx/E:1_1!0_xx-xx/F:xx_xx#xx_xx@xx_xx|xx_xx/G:xx_xx%xx_xx_xx/H:1_1/I:xx-xx@xx+xx&xx-xx|xx+xx/J:xx_xx/K:2+2-2"),
                FullContextLabeler.makeLabels(features));
    }

    /** chain_flag 1 joins the accent phrase even across a pause, so one breath group spans it. */
    @Test
    void aChainedWordAfterAPauseStaysInTheAccentPhrase() {
        List<NjdFeature> features = List.of(
                f("カ", "名詞", "一般", "*", "*", "*", "*", 1, -1),
                f("、", "記号", "読点", "*", "*", "*", "*", 0, 0),
                f("ノ", "助詞", "連体化", "*", "*", "*", "*", 0, 1),
                f("キ", "名詞", "一般", "*", "*", "*", "*", 0, 0));
        assertEquals(List.of(
                "xx^xx-sil+k=a/A:xx+xx+xx/B:xx-xx_xx/C:xx_xx+xx/D:02+xx_xx/E:xx_xx!xx_xx-xx/F:xx_xx#xx_xx@xx_xx|xx_xx/G:2_1%0_xx_xx/H:xx_xx/I:xx-xx@xx+xx&xx-xx|xx+xx/J:2_3/K:1+2-3",
                "xx^sil-k+a=pau/A:0+1+2/B:xx-xx_xx/C:02_xx+xx/D:23+xx_xx/E:xx_xx!xx_xx-xx/F:2_1#0_xx@1_2|1_3/G:1_1%0_xx_1/H:xx_xx/I:2-3@1+1&1-2|1+3/J:xx_xx/K:1+2-3",
                "sil^k-a+pau=n/A:0+1+2/B:xx-xx_xx/C:02_xx+xx/D:23+xx_xx/E:xx_xx!xx_xx-xx/F:2_1#0_xx@1_2|1_3/G:1_1%0_xx_1/H:xx_xx/I:2-3@1+1&1-2|1+3/J:xx_xx/K:1+2-3",
                "k^a-pau+n=o/A:xx+xx+xx/B:02-xx_xx/C:xx_xx+xx/D:23+xx_xx/E:2_1!0_xx-xx/F:xx_xx#xx_xx@xx_xx|xx_xx/G:2_1%0_xx_xx/H:2_3/I:xx-xx@xx+xx&xx-xx|xx+xx/J:2_3/K:1+2-3",
                "a^pau-n+o=k/A:1+2+1/B:02-xx_xx/C:23_xx+xx/D:02+xx_xx/E:xx_xx!xx_xx-xx/F:2_1#0_xx@1_2|1_3/G:1_1%0_xx_1/H:xx_xx/I:2-3@1+1&1-2|1+3/J:xx_xx/K:1+2-3",
                "pau^n-o+k=i/A:1+2+1/B:02-xx_xx/C:23_xx+xx/D:02+xx_xx/E:xx_xx!xx_xx-xx/F:2_1#0_xx@1_2|1_3/G:1_1%0_xx_1/H:xx_xx/I:2-3@1+1&1-2|1+3/J:xx_xx/K:1+2-3",
                "n^o-k+i=sil/A:0+1+1/B:23-xx_xx/C:02_xx+xx/D:xx+xx_xx/E:2_1!0_xx-1/F:1_1#0_xx@2_1|3_1/G:xx_xx%xx_xx_xx/H:xx_xx/I:2-3@1+1&1-2|1+3/J:xx_xx/K:1+2-3",
                "o^k-i+sil=xx/A:0+1+1/B:23-xx_xx/C:02_xx+xx/D:xx+xx_xx/E:2_1!0_xx-1/F:1_1#0_xx@2_1|3_1/G:xx_xx%xx_xx_xx/H:xx_xx/I:2-3@1+1&1-2|1+3/J:xx_xx/K:1+2-3",
                "k^i-sil+xx=xx/A:xx+xx+xx/B:02-xx_xx/C:xx_xx+xx/D:xx+xx_xx/E:1_1!0_xx-xx/F:xx_xx#xx_xx@xx_xx|xx_xx/G:xx_xx%xx_xx_xx/H:2_3/I:xx-xx@xx+xx&xx-xx|xx+xx/J:xx_xx/K:1+2-3"),
                FullContextLabeler.makeLabels(features));
    }

    /** A leading ？ and a word-initial ’ are ignored; unknown POS/type/form become xx; ー repeats the devoiced U; the final ？ flags the last accent phrase. */
    @Test
    void unknownCodesUnvoicingAndQuestionFlags() {
        List<NjdFeature> features = List.of(
                f("？", "記号", "一般", "*", "*", "*", "*", 0, -1),
                f("’カ’", "謎", "*", "*", "*", "謎", "謎", 0, 0),
                f("ス’ー", "動詞", "自立", "*", "*", "五段・サ行", "基本形", 1, 0),
                f("？", "記号", "一般", "*", "*", "*", "*", 0, 0));
        assertEquals(List.of(
                "xx^xx-sil+k=A/A:xx+xx+xx/B:xx-xx_xx/C:xx_xx+xx/D:xx+xx_xx/E:xx_xx!xx_xx-xx/F:xx_xx#xx_xx@xx_xx|xx_xx/G:1_1%0_xx_xx/H:xx_xx/I:xx-xx@xx+xx&xx-xx|xx+xx/J:2_3/K:1+2-3",
                "xx^sil-k+A=s/A:0+1+1/B:xx-xx_xx/C:xx_xx+xx/D:20+1_2/E:xx_xx!xx_xx-xx/F:1_1#0_xx@1_2|1_3/G:2_1%1_xx_1/H:xx_xx/I:2-3@1+1&1-2|1+3/J:xx_xx/K:1+2-3",
                "sil^k-A+s=U/A:0+1+1/B:xx-xx_xx/C:xx_xx+xx/D:20+1_2/E:xx_xx!xx_xx-xx/F:1_1#0_xx@1_2|1_3/G:2_1%1_xx_1/H:xx_xx/I:2-3@1+1&1-2|1+3/J:xx_xx/K:1+2-3",
                "k^A-s+U=U/A:0+1+2/B:xx-xx_xx/C:20_1+2/D:xx+xx_xx/E:1_1!0_xx-1/F:2_1#1_xx@2_1|2_2/G:xx_xx%xx_xx_xx/H:xx_xx/I:2-3@1+1&1-2|1+3/J:xx_xx/K:1+2-3",
                "A^s-U+U=sil/A:0+1+2/B:xx-xx_xx/C:20_1+2/D:xx+xx_xx/E:1_1!0_xx-1/F:2_1#1_xx@2_1|2_2/G:xx_xx%xx_xx_xx/H:xx_xx/I:2-3@1+1&1-2|1+3/J:xx_xx/K:1+2-3",
                "s^U-U+sil=xx/A:1+2+1/B:xx-xx_xx/C:20_1+2/D:xx+xx_xx/E:1_1!0_xx-1/F:2_1#1_xx@2_1|2_2/G:xx_xx%xx_xx_xx/H:xx_xx/I:2-3@1+1&1-2|1+3/J:xx_xx/K:1+2-3",
                "U^U-sil+xx=xx/A:xx+xx+xx/B:20-1_2/C:xx_xx+xx/D:xx+xx_xx/E:2_1!1_xx-xx/F:xx_xx#xx_xx@xx_xx|xx_xx/G:xx_xx%xx_xx_xx/H:2_3/I:xx-xx@xx+xx&xx-xx|xx+xx/J:xx_xx/K:1+2-3"),
                FullContextLabeler.makeLabels(features));
    }

    @Test
    void noPhonemesGiveNoLabels() {
        assertEquals(List.of(), FullContextLabeler.makeLabels(List.of()));
        assertEquals(List.of(), FullContextLabeler.makeLabels(List.of(
                f("、", "記号", "読点", "*", "*", "*", "*", 0, -1),
                f("ー", "名詞", "一般", "*", "*", "*", "*", 0, 0),
                f("*", "記号", "一般", "*", "*", "*", "*", 0, 0))));
    }

    private static NjdFeature f(String pron, String pos, String g1, String g2, String g3, String ctype,
                                String cform, int acc, int chainFlag) {
        return new NjdFeature("x", pos, g1, g2, g3, ctype, cform, "x", "x", pron, acc, 0, "*", chainFlag);
    }
}
