package dev.luna.tts.text.jtalk;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.luna.tts.text.jtalk.dictionary.TestDictionaries;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The facade's pyopenjtalk-shaped helpers, bad input and concurrent use. */
class OpenJTalkTest {
    private static OpenJTalk jtalk;

    @BeforeAll
    static void open() {
        jtalk = new OpenJTalk(TestDictionaries.naistJdic());
    }

    @Test
    void g2pIsTheLabelsCentrePhonemesWithoutTheSilences() {
        // open_jtalk 1.11: pause from 、, devoiced U from デス’, question flag from ？
        assertEquals("k o N n i ch i w a pau ky o o w a i i t e N k i d e s U k a",
                jtalk.g2p("こんにちは、今日はいい天気ですか？"));
        assertEquals(List.of("k", "o", "N", "n", "i", "ch", "i", "w", "a"), jtalk.phonemes("こんにちは"));
    }

    @Test
    void g2pKanaJoinsPronunciationsAndSymbolSurfaces() {
        assertEquals("コンニチワ、キョーワイイテンキデスカ？", jtalk.g2pKana("こんにちは、今日はいい天気ですか？"));
    }

    @Test
    void questionMarkSetsTheEmotionFlagOfTheLastAccentPhrase() {
        List<String> labels = jtalk.extractFullcontext("こんにちは、今日はいい天気ですか？");
        assertEquals(30, labels.size());
        assertEquals("k^a-sil+xx=xx/A:xx+xx+xx/B:23-xx_xx/C:xx_xx+xx/D:xx+xx_xx/E:6_1!1_xx-xx"
                + "/F:xx_xx#xx_xx@xx_xx|xx_xx/G:xx_xx%xx_xx_xx/H:3_11/I:xx-xx@xx+xx&xx-xx|xx+xx"
                + "/J:xx_xx/K:2+4-16", labels.get(29));
        assertEquals("w^a-pau+ky=o/A:xx+xx+xx/B:09-xx_xx/C:xx_xx+xx/D:02+xx_xx/E:5_5!0_xx-xx"
                + "/F:xx_xx#xx_xx@xx_xx|xx_xx/G:3_1%0_xx_xx/H:1_5/I:xx-xx@xx+xx&xx-xx|xx+xx"
                + "/J:3_11/K:2+4-16", labels.get(10));
    }

    @Test
    void textWithoutPhonemesHasNoLabels() {
        assertEquals(List.of(), jtalk.extractFullcontext(""));
        assertEquals(List.of(), jtalk.extractFullcontext("。、"));
        assertEquals("", jtalk.g2p("。"));
        assertEquals(List.of(), jtalk.runFrontend(""));
        assertEquals(List.of(), jtalk.makeLabels(List.of()));
    }

    @Test
    void anyUnicodeIsAnalysedWithoutExceptions() {
        List<String> odd = List.of("😀", "👨‍👩‍👧‍👦と🎉", "\uD800", "\uDC00あ\uD800", "a\u0000b", "\t\n\r\u0007",
                "\uFFFF\uFFFE", "𠮷野家で食べた", "\u202Eテスト\u200B", "ｶﾞｷﾞﾟ", "ー’’ー", "？？、、",
                "Ｘｙｚ１２３", "\u0301\u0300");
        for (String s : odd) {
            assertDoesNotThrow(() -> jtalk.extractFullcontext(s), s);
            assertDoesNotThrow(() -> jtalk.g2pKana(s), s);
        }
        Random random = new Random(20261124);
        for (int i = 0; i < 300; i++) {
            String s = randomText(random, 1 + random.nextInt(40));
            List<String> labels = assertDoesNotThrow(() -> jtalk.extractFullcontext(s), s);
            assertTrue(labels.isEmpty() || labels.get(0).startsWith("xx^xx-sil+"), s);
        }
    }

    @Test
    void longTextHasNoLengthLimit() {
        String sentence = "今日は朝から雨が降っていたので、駅まで歩かずにバスに乗りました。";
        String text = sentence.repeat(200);
        List<String> labels = jtalk.extractFullcontext(text);
        // each inner 。 (pron 、) becomes a pau between the sentences; a trailing one is never emitted
        int oneSentence = jtalk.extractFullcontext(sentence).size() - 2;
        assertEquals(200 * oneSentence + 199 + 2, labels.size());
        assertTrue(labels.get(labels.size() - 1).endsWith("/K:19+49-199"), labels.get(labels.size() - 1));
    }

    @Test
    void concurrentCallsGiveTheSameLabels() throws Exception {
        List<String> texts = List.of("こんにちは、今日はいい天気ですか？", "東京特許許可局", "１２３４５円です。",
                "すもももももももものうち", "あー、そうですね。");
        List<List<String>> expected = texts.stream().map(jtalk::extractFullcontext).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int r = 0; r < 50; r++) {
                        for (int i = 0; i < texts.size(); i++) {
                            if (!jtalk.extractFullcontext(texts.get(i)).equals(expected.get(i))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String randomText(Random random, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(6);
            switch (kind) {
                case 0 -> sb.append((char) (0x3041 + random.nextInt(0x56)));   // hiragana
                case 1 -> sb.append((char) (0x30A1 + random.nextInt(0x5C)));   // katakana incl. ー
                case 2 -> sb.append((char) (0x4E00 + random.nextInt(0x5000))); // kanji
                case 3 -> sb.append((char) random.nextInt(0x80));              // ASCII incl. controls
                case 4 -> { String marks = "、。？！ー’「」…・〜"; sb.append(marks.charAt(random.nextInt(marks.length()))); }
                default -> sb.append((char) random.nextInt(0x10000));          // any UTF-16 unit
            }
        }
        return sb.toString();
    }
}
