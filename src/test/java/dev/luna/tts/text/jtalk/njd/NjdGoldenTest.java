package dev.luna.tts.text.jtalk.njd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.luna.tts.text.jtalk.NjdFeature;
import dev.luna.tts.text.jtalk.lattice.Morpheme;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Feeds every OpenJTalk 1.11 golden's MeCab morphemes ({@code src/test/resources/jtalk/openjtalk/*.jsonl},
 * or the folder in system property {@code njd.goldens}) to {@link Njd} and compares the result with
 * the golden's "[Text analysis result]" lines. Prints per-file pass counts and the first mismatches.
 */
class NjdGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void goldensMatchOpenJTalk() throws IOException {
        Path dir = Path.of(System.getProperty("njd.goldens", "src/test/resources/jtalk/openjtalk"));
        Assumptions.assumeTrue(Files.isDirectory(dir), "no goldens at " + dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        Assumptions.assumeFalse(files.isEmpty(), "no .jsonl goldens in " + dir);
        int total = 0;
        int passed = 0;
        int withoutOracle = 0;
        List<String> mismatches = new ArrayList<>();
        for (Path file : files) {
            int fileTotal = 0;
            int filePassed = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode golden = JSON.readTree(line);
                List<Morpheme> morphemes = new ArrayList<>();
                for (JsonNode m : golden.get("mecab")) {
                    morphemes.add(new Morpheme(m.get(0).asText(), m.get(1).asText()));
                }
                List<String> expected = new ArrayList<>();
                for (JsonNode f : golden.get("features")) {
                    expected.add(f.asText());
                }
                List<String> actual = new ArrayList<>();
                String error = null;
                try {
                    for (NjdFeature f : Njd.analyze(morphemes)) {
                        actual.add(Njd.format(f));
                    }
                } catch (RuntimeException e) {
                    error = e.toString();
                }
                fileTotal++;
                if (expected.isEmpty() && !actual.isEmpty()) {
                    if (withoutOracle++ < 5) {
                        System.out.println("no oracle features for " + golden.get("text") + ", ours: " + actual);
                    }
                }
                if (error == null && comparable(expected, actual)) {
                    filePassed++;
                } else if (mismatches.size() < 30) {
                    mismatches.add(describe(file, golden.get("text").asText(), expected, actual, error));
                }
            }
            System.out.printf("NJD goldens %s: %d/%d identical%n", file.getFileName(), filePassed, fileTotal);
            total += fileTotal;
            passed += filePassed;
        }
        System.out.printf("NJD goldens total: %d/%d identical (%d of them have no oracle features:"
                + " open_jtalk prints no analysis without phonemes)%n", passed, total, withoutOracle);
        mismatches.forEach(System.out::println);
        assertEquals(total, passed, "NJD features differing from OpenJTalk 1.11, first: "
                + (mismatches.isEmpty() ? "" : mismatches.get(0)));
    }

    /**
     * open_jtalk prints no analysis when the utterance has no phonemes (labels <= 2), so an empty
     * golden feature list only says that; any output of ours is then accepted as unknown.
     */
    private static boolean comparable(List<String> expected, List<String> actual) {
        return expected.isEmpty() || expected.equals(actual);
    }

    private static String describe(Path file, String text, List<String> expected, List<String> actual,
                                   String error) {
        StringBuilder sb = new StringBuilder();
        sb.append("--- ").append(file.getFileName()).append(": ").append(text).append('\n');
        if (error != null) {
            sb.append("  exception: ").append(error).append('\n');
        }
        int n = Math.max(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            String e = i < expected.size() ? expected.get(i) : "(none)";
            String a = i < actual.size() ? actual.get(i) : "(none)";
            sb.append(e.equals(a) ? "    " : "  ! ").append(e);
            if (!e.equals(a)) {
                sb.append("\n    got ").append(a);
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
