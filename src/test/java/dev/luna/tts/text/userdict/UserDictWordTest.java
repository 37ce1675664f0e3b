package dev.luna.tts.text.userdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SBV2 2.7's word model and its MeCab rows (update_dict's format string, _priority2cost, the mora rules). */
class UserDictWordTest {

    @Test
    void rowForEveryWordTypeAndPriority() {
        // cost = cost_candidates[10 - priority] of each type's part_of_speech_data row
        assertEquals(List.of(
                "語,1348,1348,14176,名詞,固有名詞,一般,*,*,*,*,ゴ,ゴ,1/1,*",
                "語,1348,1348,8609,名詞,固有名詞,一般,*,*,*,*,ゴ,ゴ,1/1,*",
                "語,1348,1348,-988,名詞,固有名詞,一般,*,*,*,*,ゴ,ゴ,1/1,*",
                "語,1345,1345,15001,名詞,一般,*,*,*,*,*,ゴ,ゴ,1/1,*",
                "語,1345,1345,5746,名詞,一般,*,*,*,*,*,ゴ,ゴ,1/1,*",
                "語,1345,1345,-4445,名詞,一般,*,*,*,*,*,ゴ,ゴ,1/1,*",
                "語,642,642,13433,動詞,自立,*,*,*,*,*,ゴ,ゴ,1/1,*",
                "語,642,642,6962,動詞,自立,*,*,*,*,*,ゴ,ゴ,1/1,*",
                "語,642,642,3100,動詞,自立,*,*,*,*,*,ゴ,ゴ,1/1,*",
                "語,20,20,10001,形容詞,自立,*,*,*,*,*,ゴ,ゴ,1/1,*",
                "語,20,20,4449,形容詞,自立,*,*,*,*,*,ゴ,ゴ,1/1,*",
                "語,20,20,1527,形容詞,自立,*,*,*,*,*,ゴ,ゴ,1/1,*",
                "語,1358,1358,15847,名詞,接尾,一般,*,*,*,*,ゴ,ゴ,1/1,*",
                "語,1358,1358,8047,名詞,接尾,一般,*,*,*,*,ゴ,ゴ,1/1,*",
                "語,1358,1358,4399,名詞,接尾,一般,*,*,*,*,ゴ,ゴ,1/1,*"),
                java.util.Arrays.stream(WordType.values()).flatMap(t -> java.util.stream.IntStream.of(0, 5, 10)
                        .mapToObj(p -> UserDictWord.create("語", "ゴ", 1, t, p).toCsvRow())).toList());
    }

    @Test
    void defaultsAreSbv2s() {
        UserDictWord w = UserDictWord.create("Style-Bert-VITS2", "スタイルバートビッツツー", 0, null, null);
        assertEquals("Ｓｔｙｌｅ－Ｂｅｒｔ－ＶＩＴＳ２,1348,1348,8609,名詞,固有名詞,一般,*,*,*,*,"
                + "スタイルバートビッツツー,スタイルバートビッツツー,0/12,*", w.toCsvRow());
        assertEquals(WordType.PROPER_NOUN, w.wordType());
        assertEquals(5, w.priority());
    }

    @Test
    void moraCountFollowsSbv2s27Rules() {
        assertEquals(3, UserDictWord.moraCount("キャット"));
        assertEquals(4, UserDictWord.moraCount("ティーチャー"));
        assertEquals(1, UserDictWord.moraCount("ヴォ")); // ウ/ツ/フ/ヴ + ォ is one mora
        assertEquals(2, UserDictWord.moraCount("クァ")); // not one mora in SBV2 2.7 (newer VOICEVOX says 1)
        assertEquals(1, UserDictWord.moraCount("クヮ"));
        assertEquals(4, UserDictWord.moraCount("ルナーン"));
    }

    @Test
    void costToPriorityTakesTheNearestCandidate() {
        assertEquals(5, WordType.PROPER_NOUN.priority(8609));
        assertEquals(5, WordType.PROPER_NOUN.priority(8600));
        assertEquals(0, WordType.PROPER_NOUN.priority(32767));
        assertEquals(10, WordType.PROPER_NOUN.priority(-32768));
        // halfway between -988 (10) and 3488 (9): np.argmin takes the first, priority 10
        assertEquals(10, WordType.PROPER_NOUN.priority(1250));
        assertEquals(9, WordType.PROPER_NOUN.priority(1251));
    }

    @Test
    void invalidWordsNameTheirField() {
        assertField("pronunciation", () -> UserDictWord.create("月", "つき", 0, null, null));
        assertField("pronunciation", () -> UserDictWord.create("月", "ツキa", 0, null, null));
        assertField("pronunciation", () -> UserDictWord.create("月", "キャャ", 0, null, null));
        assertField("pronunciation", () -> UserDictWord.create("月", "ッッ", 0, null, null));
        assertField("pronunciation", () -> UserDictWord.create("月", "アヮ", 0, null, null));
        assertField("pronunciation", () -> UserDictWord.create("月", "", 0, null, null));
        assertField("pronunciation", () -> UserDictWord.create("月", null, 0, null, null));
        assertField("accent_type", () -> UserDictWord.create("月", "ツキ", 3, null, null));
        assertField("accent_type", () -> UserDictWord.create("月", "ツキ", -1, null, null));
        assertField("priority", () -> UserDictWord.create("月", "ツキ", 0, null, 11));
        assertField("priority", () -> UserDictWord.create("月", "ツキ", 0, null, -1));
        assertField("word_type", () -> WordType.parse("NOUN"));
        assertField("surface", () -> UserDictWord.create("", "ツキ", 0, null, null));
        assertField("surface", () -> UserDictWord.create(" \t", "ツキ", 0, null, null));
        assertField("surface", () -> UserDictWord.create("月\n", "ツキ", 0, null, null));
        assertField("surface", () -> UserDictWord.create(null, "ツキ", 0, null, null));
        assertField("context_id", () -> UserDictWord.of("月", 5, 1285, "名詞", "一般", "*", "*", "*", "*", "*",
                "ツキ", "ツキ", 0, null, "*"));
        assertField("yomi", () -> UserDictWord.of("月", 5, 1345, "名詞", "一般", "*", "*", "*", "*", "*",
                "ツ,キ", "ツキ", 0, null, "*"));
        assertField("mora_count", () -> UserDictWord.of("月", 5, 1345, "名詞", "一般", "*", "*", "*", "*", "*",
                "ツキ", "ツキ", 0, -1, "*"));
    }

    @Test
    void validSmallKanaSequencesPass() {
        // ッ may precede a small kana only when it is not ッ or another small vowel (SBV2's sutegana rule)
        assertEquals(3, UserDictWord.create("猫", "キャット", 1, null, null).moraCount());
        assertEquals(1, UserDictWord.create("火", "ヮ", 0, null, null).moraCount());
        assertEquals(2, UserDictWord.create("火", "グヮー", 0, null, null).moraCount());
    }

    static void assertField(String field, org.junit.jupiter.api.function.Executable e) {
        UserDictException ex = assertThrows(UserDictException.class, e);
        assertEquals(field, ex.field(), ex.getMessage());
    }
}
