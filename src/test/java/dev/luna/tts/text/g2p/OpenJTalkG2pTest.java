package dev.luna.tts.text.g2p;

import dev.luna.tts.text.G2pException;
import dev.luna.tts.text.G2pResult;
import dev.luna.tts.text.Sbv2TextFrontend;
import dev.luna.tts.text.jtalk.OpenJTalk;
import dev.luna.tts.text.jtalk.dictionary.MecabDictionary;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * SBV2 g2p through the pure-Java {@link OpenJTalk} must give exactly what it gives on open_jtalk's
 * own output (the fixtures) for every fixture text.
 */
class OpenJTalkG2pTest {

    static final Path DICTIONARY = Path.of("/var/lib/mecab/dic/open-jtalk/naist-jdic");

    @Test
    void sameG2pAsOnOpenJTalksOutput() {
        assumeTrue(Files.isDirectory(OpenJTalkG2pTest.DICTIONARY), "naist-jdic not installed");
        FixtureJapaneseFrontend fixtures = new FixtureJapaneseFrontend();
        Sbv2TextFrontend reference = new Sbv2TextFrontend(fixtures);
        Sbv2TextFrontend openJTalk = new Sbv2TextFrontend(
                new OpenJTalk(MecabDictionary.open(OpenJTalkG2pTest.DICTIONARY)));
        List<String> mismatches = new ArrayList<>();
        for (String text : fixtures.texts()) {
            String expected = run(reference, text);
            String actual = run(openJTalk, text);
            if (!expected.equals(actual)) {
                mismatches.add(text + "\n  open_jtalk " + expected + "\n  OpenJTalk  " + actual);
            }
        }
        int n = fixtures.texts().size();
        System.out.printf("g2p via dev.luna.tts.text.jtalk.OpenJTalk: %d/%d identical%n", n - mismatches.size(), n);
        mismatches.stream().limit(10).forEach(System.out::println);
        assertEquals(List.of(), mismatches);
    }

    private static String run(Sbv2TextFrontend frontend, String text) {
        try {
            G2pResult r = frontend.g2p(text);
            return r.bertText() + " | " + r.phones() + " | " + r.tones() + " | " + r.word2ph();
        } catch (G2pException e) {
            return "G2pException";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /**
     * Texts without any phoneme: open_jtalk's CLI writes no trace for them, pyopenjtalk gives no
     * labels, so every phone comes from the readings with tone 0.
     */
    @Test
    void textsWithoutPhonemes() {
        assumeTrue(Files.isDirectory(OpenJTalkG2pTest.DICTIONARY), "naist-jdic not installed");
        Sbv2TextFrontend openJTalk = new Sbv2TextFrontend(
                new OpenJTalk(MecabDictionary.open(OpenJTalkG2pTest.DICTIONARY)));
        G2pResult dots = openJTalk.g2p("...");
        assertEquals(List.of("_", ".", ".", ".", "_"), dots.phones());
        assertEquals(List.of(0, 0, 0, 0, 0), dots.tones());
        assertEquals(List.of(1, 1, 1, 1, 1), dots.word2ph());
        G2pResult unreadable = openJTalk.g2p("龘");
        assertEquals(List.of("_", "'", "_"), unreadable.phones());
        assertEquals(List.of(1, 1, 1), unreadable.word2ph());
        G2pResult dashes = openJTalk.g2p("ーー");
        assertEquals(List.of("_", "-", "-", "_"), dashes.phones());
        assertEquals(List.of(0, 0, 0, 0), dashes.tones());
        assertEquals(List.of(1, 1, 1, 1), dashes.word2ph());
    }
}
