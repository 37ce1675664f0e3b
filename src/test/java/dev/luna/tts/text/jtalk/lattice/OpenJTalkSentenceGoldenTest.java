package dev.luna.tts.text.jtalk.lattice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.luna.tts.text.jtalk.dictionary.TestDictionaries;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sentence goldens of src/test/resources/jtalk/openjtalk/*.jsonl (goldens branch): text2mecab and mecab stages. */
class OpenJTalkSentenceGoldenTest {

    private static final List<JsonNode> rows = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        URL dir = OpenJTalkSentenceGoldenTest.class.getResource("/jtalk/openjtalk");
        assertTrue(dir != null, "no src/test/resources/jtalk/openjtalk");
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    rows.addAll(MecabGoldenTest.readJsonl(in));
                }
            }
        }
        assertTrue(rows.size() > 100, "sentences: " + rows.size());
    }

    @Test
    void text2mecabMatchesConverted() {
        int same = 0;
        List<String> diffs = new ArrayList<>();
        for (JsonNode row : rows) {
            String actual = Text2Mecab.convert(row.get("text").asText());
            if (actual.equals(row.get("converted").asText())) {
                same++;
            } else if (diffs.size() < 10) {
                diffs.add(row.get("text").asText() + "\n  golden: " + row.get("converted").asText() + "\n  java:   " + actual);
            }
        }
        System.out.printf("sentence goldens, text2mecab: %d/%d identical%n", same, rows.size());
        assertEquals(rows.size(), same, String.join("\n", diffs));
    }

    @Test
    void tokenizerMatchesMecab() {
        MecabTokenizer tokenizer = new MecabTokenizer(TestDictionaries.naistJdic());
        int same = 0;
        List<String> diffs = new ArrayList<>();
        for (JsonNode row : rows) {
            List<Morpheme> expected = MecabGoldenTest.morphemes(row.get("mecab"));
            List<Morpheme> actual = tokenizer.parse(row.get("converted").asText());
            if (expected.equals(actual)) {
                same++;
            } else if (diffs.size() < 10) {
                diffs.add(row.get("converted").asText() + "\n  mecab: " + expected + "\n  java:  " + actual);
            }
        }
        System.out.printf("sentence goldens, mecab: %d/%d identical%n", same, rows.size());
        assertEquals(rows.size(), same, String.join("\n", diffs));
    }
}
