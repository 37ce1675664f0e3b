package dev.luna.tts.text;

import dev.luna.tts.fuzz.HostileText;
import dev.luna.tts.text.jtalk.OpenJTalk;
import dev.luna.tts.text.jtalk.dictionary.MecabDictionary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Pieces whose BERT text fits 510 characters (the 512-position table less [CLS] and [SEP]). */
class BertWindowsTest {

    private static Sbv2TextFrontend frontend;

    @BeforeAll
    static void open() {
        assumeTrue(Files.isDirectory(HostileTextPropertyTest.DICTIONARY), "naist-jdic not installed");
        frontend = new Sbv2TextFrontend(new OpenJTalk(MecabDictionary.open(HostileTextPropertyTest.DICTIONARY)));
    }

    private static List<G2pResult> windows(String text) {
        return BertWindows.g2p(frontend, frontend.normalize(text), BertWindows.MAX_CHARACTERS);
    }

    private static List<String> phonesWithoutPads(List<G2pResult> rs) {
        List<String> out = new ArrayList<>();
        rs.forEach(r -> out.addAll(r.phones().subList(1, r.phones().size() - 1)));
        return out;
    }

    @Test
    void aShortTextIsOnePieceIdenticalToG2p() {
        String norm = frontend.normalize("今日は良い天気ですね。散歩に行きましょう！");
        assertEquals(List.of(frontend.g2p(norm)), BertWindows.g2p(frontend, norm, BertWindows.MAX_CHARACTERS));
    }

    @Test
    void aRunWithoutPunctuationIsCutAtTheWindowEdge() {
        List<G2pResult> rs = windows("あ".repeat(600));
        assertEquals(List.of(510, 90), rs.stream().map(r -> r.bertText().length()).toList());
        assertEquals(List.of("a"), phonesWithoutPads(rs).stream().distinct().toList());
        assertEquals(600, phonesWithoutPads(rs).size());
    }

    @Test
    void sentencesAreCutAfterTheirEnd() {
        List<G2pResult> rs = windows("今日は良い天気です。".repeat(60));   // 600 characters, a "." every 10
        assertEquals(List.of(510, 90), rs.stream().map(r -> r.bertText().length()).toList());
        rs.forEach(r -> assertTrue(r.bertText().endsWith("."), r.bertText()));
        // the same phones as the sentence's own, 60 times
        List<String> one = phonesWithoutPads(List.of(frontend.g2p(frontend.normalize("今日は良い天気です。"))));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            expected.addAll(one);
        }
        assertEquals(expected, phonesWithoutPads(rs));
    }

    @Test
    void commasAreTheSecondChoiceAndLongVowelsStayWithTheirMora() {
        List<G2pResult> rs = windows("ありがとう、" + "あ".repeat(300) + "、" + "ー".repeat(5) + "かー".repeat(150));
        rs.forEach(r -> assertTrue(r.bertText().length() <= 510));
        assertTrue(rs.get(0).bertText().endsWith(","), rs.get(0).bertText());
        rs.forEach(r -> assertTrue(!r.bertText().startsWith("ー") || r == rs.get(1), r.bertText()));
    }

    @Test
    void aNumberReadDigitByDigitFitsInPieces() {
        List<G2pResult> rs = windows("9".repeat(400));   // キュー × 400: 1,200 characters
        assertEquals(List.of(510, 510, 180), rs.stream().map(r -> r.bertText().length()).toList());
        assertEquals(400, String.join("", rs.stream().map(G2pResult::bertText).toList()).split("キュー", -1).length - 1);
    }

    @Test
    void kanjiNumeralsThatOpenJTalkExpandsAreCutUntilTheyFit() {
        // set_digit reads 一二三四… as one number and inserts 万/億 place nodes: the BERT text grows
        String numerals = "一二三四五六七八九".repeat(2);   // 18 characters, set_digit makes 34 BERT characters of it
        assertEquals("十二京三千四百五十六兆七千八百九十一億二千三百四十五万六千七百八十九", frontend.g2p(numerals).bertText());
        List<G2pResult> rs = BertWindows.g2p(frontend, numerals, 20);
        assertEquals(List.of("一億二千三百四十五万六千七百八十九", "一億二千三百四十五万六千七百八十九"),
                rs.stream().map(G2pResult::bertText).toList());
    }

    @Test
    void punctuationOnlyPiecesAreLeftOutAndNothingAtAllIsEmpty() {
        assertThrows(EmptyTextException.class, () -> BertWindows.g2p(frontend, "", 510));
        assertThrows(IllegalArgumentException.class, () -> BertWindows.g2p(frontend, "あ", 3));
    }

    @Test
    void hostileTextsAlwaysFit() {
        Random random = new Random(510);
        HostileText gen = new HostileText(random);
        int cut = 0;
        for (int n = 0; n < 600; n++) {
            String norm;
            try {
                norm = frontend.normalize(gen.next());
            } catch (EmptyTextException e) {
                continue;
            }
            int max = 40 + random.nextInt(471);
            List<G2pResult> rs;
            try {
                rs = BertWindows.g2p(frontend, norm, max);
            } catch (EmptyTextException | G2pException e) {
                continue;   // the documented refusals
            }
            cut += rs.size() > 1 ? 1 : 0;
            for (G2pResult r : rs) {
                assertTrue(r.bertText().length() <= max, max + ": " + r.bertText());
                frontend.toModelInput(r);
            }
        }
        assertTrue(cut > 50, "texts cut: " + cut);
    }
}
