package dev.luna.tts.text.accent;

import dev.luna.tts.text.G2pResult;
import dev.luna.tts.text.ModelInput;
import dev.luna.tts.text.Sbv2TextFrontend;
import dev.luna.tts.text.jtalk.OpenJTalk;
import dev.luna.tts.text.jtalk.dictionary.MecabDictionary;
import dev.luna.tts.text.userdict.UserWords;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AccentPhrasesTest {

    static final Path DICTIONARY = Path.of("/var/lib/mecab/dic/open-jtalk/naist-jdic");
    static Sbv2TextFrontend frontend;
    static OpenJTalk jtalk;

    @BeforeAll
    static void open() {
        assumeTrue(Files.isDirectory(DICTIONARY), "naist-jdic not installed");
        jtalk = new OpenJTalk(MecabDictionary.open(DICTIONARY));
        frontend = new Sbv2TextFrontend(jtalk);
    }

    static G2pResult g2p(String text) {
        return frontend.g2p(frontend.normalize(text));
    }

    static List<AccentPhrase> phrases(G2pResult g) {
        return AccentPhrases.of(g, jtalk, UserWords.NONE);
    }

    static String texts(List<AccentPhrase> phrases) {
        StringBuilder sb = new StringBuilder();
        for (AccentPhrase p : phrases) {
            sb.append('|');
            p.moras().forEach(m -> sb.append(m.text()));
            sb.append(':').append(p.accent());
        }
        return sb.toString();
    }

    @Test
    void phrasesOfAKnownSentence() {
        List<AccentPhrase> phrases = phrases(g2p("こんにちは、今日はいい天気ですね。"));
        // SBV2 g2p: ko n n i ch i w a(flat) , ky o o w a(kyo high first) i i(drop) t e N k i d e s u n e .
        assertEquals("|コンニチワ,:5|キョオワ:1|イイ:1|テンキデスネ.:1", texts(phrases));
        Mora cl = phrases(g2p("ちょっと")).get(0).moras().get(1);
        assertEquals("ッ", cl.text());
        assertEquals("cl", cl.vowel());
        assertNull(cl.consonant());
        Mora comma = phrases.get(0).moras().get(5);
        assertEquals(",", comma.text());
        assertEquals("pau", comma.vowel());
    }

    /** A query taken and sent back unchanged speaks exactly SBV2's own phones and tones. */
    @Test
    void unchangedPhrasesGiveBackTheG2pPhonesAndTones() {
        for (String text : List.of("こんにちは、今日はいい天気ですね。", "吾輩は猫である。名前はまだ無い。",
                "ちょっと待って！本当に？", "東京特許許可局", "音声合成のテストです…")) {
            G2pResult g = g2p(text);
            AccentPhrases.PhoneTones pt = AccentPhrases.toPhoneTones(phrases(g));
            assertEquals(g.phones(), pt.phones(), text);
            assertEquals(g.tones(), pt.tones(), text);
        }
    }

    @Test
    void anEditedAccentChangesTheTonesSentToTheGenerator() {
        G2pResult g = g2p("今日はいい天気ですね。");
        List<AccentPhrase> phrases = new ArrayList<>(phrases(g));
        AccentPhrase tenki = phrases.get(2);
        assertEquals(1, tenki.accent());
        // テンキデスネ. accent 1 (テ high) → accent 3 (テ low, ンキ high, デスネ low)
        phrases.set(2, new AccentPhrase(tenki.moras(), 3, null, false));
        AccentPhrases.PhoneTones pt = AccentPhrases.toPhoneTones(phrases);
        G2pResult edited = GivenPhones.apply(g, pt.phones(), pt.tones());
        assertEquals(g.phones(), edited.phones());
        assertEquals(g.word2ph(), edited.word2ph());
        int start = g.phones().size() - 1 - 1 - 11;   // t e N k i d e s u n e . before the end pad
        assertEquals(List.of("t", "e", "N", "k", "i", "d", "e", "s", "u", "n", "e", "."),
                edited.phones().subList(start, start + 12));
        assertEquals(List.of(1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), g.tones().subList(start, start + 12));
        assertEquals(List.of(0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0), edited.tones().subList(start, start + 12));
        // what the generator gets: tone ids (tone + 6) between blanks
        ModelInput in = frontend.toModelInput(edited);
        for (int i = 0; i < edited.tones().size(); i++) {
            assertEquals(edited.tones().get(i) + 6, in.toneIds()[2 * i + 1]);
        }
        assertEquals(0, in.toneIds()[2 * start + 1] - 6);
        assertEquals(1, in.toneIds()[2 * (start + 2) + 1] - 6);
    }

    @Test
    void anEditedReadingKeepsWord2phAlignedWithTheText() {
        G2pResult g = g2p("今日は");   // キョーワ
        List<AccentPhrase> phrases = phrases(g);
        List<Mora> moras = new ArrayList<>(phrases.get(0).moras());
        // read 今日 as コンニチ: キョー (ky o o) → コンニチ (k o N n i ch i): 3 → 7 phones
        moras.set(0, new Mora("コ", "k", 0.0, "o", 0, 0));
        moras.set(1, new Mora("ン", null, null, "N", 0, 0));
        moras.add(2, new Mora("ニ", "n", 0.0, "i", 0, 0));
        moras.add(3, new Mora("チ", "ch", 0.0, "i", 0, 0));
        AccentPhrases.PhoneTones pt = AccentPhrases.toPhoneTones(List.of(new AccentPhrase(moras, 5, null, false)));
        assertEquals(List.of("_", "k", "o", "N", "n", "i", "ch", "i", "w", "a", "_"), pt.phones());
        G2pResult edited = GivenPhones.apply(g, pt.phones(), pt.tones());
        assertEquals(g.word2ph().size(), edited.word2ph().size());
        assertEquals(pt.phones().size(), edited.word2ph().stream().mapToInt(Integer::intValue).sum());
        // 今日 (キョー: ky o o over two characters) takes the four extra phones; は keeps w a
        assertEquals(List.of(1, 2, 1, 2, 1), g.word2ph());
        assertEquals(List.of(1, 2, 5, 2, 1), edited.word2ph());
    }

    @Test
    void invalidEditsNameThePhraseAndMora() {
        List<AccentPhrase> phrases = new ArrayList<>(phrases(g2p("今日はいい天気ですね。")));
        List<Mora> moras = new ArrayList<>(phrases.get(2).moras());
        moras.set(3, new Mora("X", null, null, "a", 0, 0));
        List<AccentPhrase> badKana = new ArrayList<>(phrases);
        badKana.set(2, new AccentPhrase(moras, 1, null, false));
        AccentEditException e = assertThrows(AccentEditException.class, () -> AccentPhrases.toPhoneTones(badKana));
        assertEquals(2, e.phrase());
        assertEquals(3, e.mora());
        assertEquals("text", e.field());

        List<AccentPhrase> badAccent = new ArrayList<>(phrases);
        badAccent.set(1, new AccentPhrase(phrases.get(1).moras(), 3, null, false));   // イイ has 2 moras
        e = assertThrows(AccentEditException.class, () -> AccentPhrases.toPhoneTones(badAccent));
        assertEquals(1, e.phrase());
        assertNull(e.mora());
        assertEquals("accent", e.field());
        badAccent.set(1, new AccentPhrase(phrases.get(1).moras(), 0, null, false));
        assertThrows(AccentEditException.class, () -> AccentPhrases.toPhoneTones(badAccent));
    }

    @Test
    void hiraganaMorasAndPauseMorasAreRead() {
        AccentPhrases.PhoneTones pt = AccentPhrases.toPhoneTones(List.of(
                new AccentPhrase(List.of(new Mora("は", "h", 0.0, "a", 0, 0), new Mora("し", "sh", 0.0, "i", 0, 0)),
                        1, new Mora("、", null, null, "pau", 0, 0), false),
                new AccentPhrase(List.of(new Mora("ハ", "h", 0.0, "a", 0, 0), new Mora("シ", "sh", 0.0, "i", 0, 0)),
                        2, null, false)));
        assertEquals(List.of("_", "h", "a", "sh", "i", ",", "h", "a", "sh", "i", "_"), pt.phones());
        assertEquals(List.of(0, 1, 1, 0, 0, 0, 0, 0, 1, 1, 0), pt.tones());
        assertEquals("はし、はし", AccentPhrases.reading(List.of(
                new AccentPhrase(List.of(new Mora("ハ", "h", 0.0, "a", 0, 0), new Mora("シ", "sh", 0.0, "i", 0, 0)),
                        1, new Mora("、", null, null, "pau", 0, 0), false),
                new AccentPhrase(List.of(new Mora("ハ", "h", 0.0, "a", 0, 0), new Mora("シ", "sh", 0.0, "i", 0, 0)),
                        2, null, false))));
    }

    @Test
    void adjustWord2phFollowsSbv2() {
        // generated a b c (one char each), given a x y c: b → x y, so b's character gets two phones
        assertEquals(List.of(1, 1, 2, 1, 1), GivenPhones.adjustWord2ph(List.of(1, 1, 1, 1, 1),
                List.of("_", "a", "b", "c", "_"), List.of("_", "a", "x", "y", "c", "_")));
        // a deletion that empties a character borrows from the next one
        assertEquals(List.of(1, 1, 1, 1, 1), GivenPhones.adjustWord2ph(List.of(1, 1, 1, 2, 1),
                List.of("_", "a", "b", "c", "d", "_"), List.of("_", "a", "c", "d", "_")));
    }
}
