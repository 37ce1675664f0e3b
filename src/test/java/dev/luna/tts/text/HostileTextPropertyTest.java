package dev.luna.tts.text;

import dev.luna.tts.fuzz.HostileText;
import dev.luna.tts.text.jtalk.OpenJTalk;
import dev.luna.tts.text.jtalk.dictionary.MecabDictionary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Property: for any string, normalize → g2p → toModelInput either gives consistent model input or
 * throws one of the documented refusals ({@link EmptyTextException}, {@link G2pException}); any
 * other exception would be an HTTP 500. Seeded, so a failure replays.
 */
class HostileTextPropertyTest {

    static final Path DICTIONARY = Path.of("/var/lib/mecab/dic/open-jtalk/naist-jdic");
    private static Sbv2TextFrontend frontend;
    private static final java.util.Map<String, Integer> REFUSALS = new java.util.TreeMap<>();
    private static final List<String> REFUSAL_EXAMPLES = new ArrayList<>();

    @BeforeAll
    static void open() {
        assumeTrue(Files.isDirectory(DICTIONARY), "naist-jdic not installed");
        frontend = new Sbv2TextFrontend(new OpenJTalk(MecabDictionary.open(DICTIONARY)));
    }

    /** Outcome of one string: null when it gave model input or a documented refusal. */
    private static String check(String text, int[] counts) {
        try {
            String norm = frontend.normalize(text);
            assertTrue(wellFormed(norm), "normalized text has a lone surrogate");
            G2pResult r = frontend.g2p(norm);
            ModelInput m = frontend.toModelInput(r);
            assertTrue(wellFormed(r.bertText()), "BERT text has a lone surrogate");
            assertEquals(r.bertText().length() + 2, r.word2ph().size(), "word2ph vs BERT text");
            assertEquals(r.phones().size(), r.word2ph().stream().mapToInt(Integer::intValue).sum(), "word2ph sum");
            assertEquals(r.phones().size(), r.tones().size(), "tones");
            assertEquals(2 * r.phones().size() + 1, m.phoneIds().length, "ids");
            assertEquals(m.phoneIds().length, Arrays.stream(m.word2ph()).sum(), "blanked word2ph");
            counts[0]++;
            return null;
        } catch (EmptyTextException e) {
            counts[1]++;
            return null;
        } catch (G2pException e) {
            counts[2]++;
            REFUSALS.merge(e.getMessage().replaceAll("[0-9]+", "N").replaceAll("^(.{0,60}).*", "$1"), 1, Integer::sum);
            if (REFUSAL_EXAMPLES.size() < 10) {
                REFUSAL_EXAMPLES.add(escape(text) + " → " + e.getMessage());
            }
            return null;
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            return escape(text) + " → " + e;
        }
    }

    static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.length() > 300 ? sb.substring(0, 300) + "…(" + s.length() + " chars)" : sb.toString();
    }

    @Test
    void everyHostileStringIsSpokenOrRefusedWithADocumentedException() {
        HostileText gen = new HostileText(new Random(13));
        int[] counts = new int[3];
        List<String> failures = new ArrayList<>();
        for (int n = 0; n < 4000; n++) {
            String text = gen.next();
            String failure = check(text, counts);
            if (failure != null) {
                failures.add("#" + n + " " + failure);
            }
        }
        System.out.printf("hostile text: %d spoken, %d empty, %d refused (G2pException), %d failures%n",
                counts[0], counts[1], counts[2], failures.size());
        failures.stream().limit(20).forEach(System.out::println);
        REFUSALS.forEach((m, c) -> System.out.println("refused " + c + " × " + m));
        REFUSAL_EXAMPLES.forEach(System.out::println);
        assertEquals(List.of(), failures);
    }

    @Test
    void numbersOfOneToFourHundredDigitsAreSpoken() {
        Random random = new Random(7);
        int[] counts = new int[3];
        List<String> failures = new ArrayList<>();
        // every length to 60 (num2words' limit is 51 digits), then every 7th, and 400
        List<Integer> lengths = new ArrayList<>();
        for (int d = 1; d <= 400; d += d < 60 ? 1 : 7) {
            lengths.add(d);
        }
        lengths.add(400);
        for (int digits : lengths) {
            for (String number : List.of(HostileText.digits(random, digits),
                    HostileText.digits(random, digits) + "." + HostileText.digits(random, 1 + random.nextInt(40)),
                    "0." + "0".repeat(digits) + "1", "$" + HostileText.digits(random, digits),
                    "1" + "0".repeat(digits - 1), "9".repeat(digits))) {
                String text = "合計" + number + "です";
                String failure = check(text, counts);
                if (failure != null) {
                    failures.add(failure);
                }
            }
        }
        failures.stream().limit(20).forEach(System.out::println);
        assertEquals(List.of(), failures);
        // numbers are never refused: num2words' reading where it has one, otherwise digit by digit
        assertEquals(0, counts[1] + counts[2], "refusals among numbers");
    }

    @Test
    void aNumberBeyondNum2wordsIsSpokenOneDigitAtATime() {
        G2pResult r = frontend.g2p(frontend.normalize("9".repeat(60) + "2.5"));
        String expected = "_ " + "ky u u ".repeat(60) + "n i i t e N g o o _";
        assertEquals(expected, String.join(" ", r.phones()));
    }

    @Test
    void loneSurrogatesAreDroppedWherever() {
        // a pair split by a dropped character stays two lone halves: both are dropped
        assertEquals("あい", frontend.normalize("\ud83d" + "あ" + "\u0000" + "\ude00" + "い" + "\udc00\ud800"));
        assertEquals("あ😀".length() - 2, frontend.normalize("あ😀").length());
        assertEquals("一", frontend.normalize("\ud8001\udc00"));
    }
}
