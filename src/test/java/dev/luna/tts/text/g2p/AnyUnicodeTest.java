package dev.luna.tts.text.g2p;

import dev.luna.tts.text.EmptyTextException;
import dev.luna.tts.text.G2pException;
import dev.luna.tts.text.G2pResult;
import dev.luna.tts.text.ModelInput;
import dev.luna.tts.text.Sbv2TextFrontend;
import dev.luna.tts.text.jtalk.OpenJTalk;
import dev.luna.tts.text.jtalk.dictionary.MecabDictionary;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Arbitrary Unicode through normalize → g2p → ids: typed errors only, invariants always hold. */
class AnyUnicodeTest {

    private static final int[][] POOLS = {
            {0x3041, 0x3096}, {0x30A1, 0x30FF}, {0x4E00, 0x4FFF}, {0x20, 0x7E}, {0xFF01, 0xFF5E},
            {0x3000, 0x303F}, {0x2010, 0x2060}, {0x0370, 0x03FF}, {0xAC00, 0xAC40}, {0xD800, 0xDFFF},
            {0x1F600, 0x1F64F}, {0x0, 0x1F}, {0x3099, 0x309C}, {0xFF61, 0xFF9F}, {0x30, 0x39},
    };

    @Test
    void randomTextsGiveConsistentResultsOrTypedErrors() {
        assumeTrue(Files.isDirectory(OpenJTalkG2pTest.DICTIONARY), "naist-jdic not installed");
        Sbv2TextFrontend frontend = new Sbv2TextFrontend(
                new OpenJTalk(MecabDictionary.open(OpenJTalkG2pTest.DICTIONARY)));
        Random random = new Random(42);
        List<String> failures = new ArrayList<>();
        List<String> g2pErrors = new ArrayList<>();
        int ok = 0;
        int typed = 0;
        for (int n = 0; n < 3000; n++) {
            StringBuilder sb = new StringBuilder();
            int len = 1 + random.nextInt(30);
            for (int k = 0; k < len; k++) {
                int[] pool = POOLS[random.nextInt(POOLS.length)];
                sb.appendCodePoint(pool[0] + random.nextInt(pool[1] - pool[0] + 1));
            }
            String text = sb.toString();
            try {
                String norm = frontend.normalize(text);
                assertTrue(norm.codePoints().allMatch(c -> Character.isBmpCodePoint(c)), norm);
                G2pResult r = frontend.g2p(norm);
                ModelInput m = frontend.toModelInput(r);
                assertEquals(r.bertText().length() + 2, r.word2ph().size());
                assertEquals(r.phones().size(), r.word2ph().stream().mapToInt(Integer::intValue).sum());
                assertEquals(r.phones().size(), r.tones().size());
                assertTrue(r.tones().stream().allMatch(t -> t == 0 || t == 1));
                assertEquals(2 * r.phones().size() + 1, m.phoneIds().length);
                assertEquals(m.phoneIds().length, Arrays.stream(m.word2ph()).sum());
                ok++;
            } catch (EmptyTextException e) {
                typed++;
            } catch (G2pException e) {
                typed++;
                if (g2pErrors.size() < 5) {
                    g2pErrors.add(text + " → " + e.getMessage());
                }
            } catch (RuntimeException | AssertionError e) {
                failures.add(text.codePoints().mapToObj(c -> String.format("U+%04X", c)).toList() + " → " + e);
            }
        }
        System.out.printf("any-unicode: %d synthesizable, %d typed errors, %d failures%n", ok, typed, failures.size());
        failures.stream().limit(10).forEach(System.out::println);
        g2pErrors.forEach(System.out::println);
        assertEquals(List.of(), failures);
    }
}
