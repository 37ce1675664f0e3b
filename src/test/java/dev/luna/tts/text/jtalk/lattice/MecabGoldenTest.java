package dev.luna.tts.text.jtalk.lattice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.luna.tts.text.jtalk.dictionary.TestDictionaries;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MecabTokenizer against Debian mecab 0.996 on random strings (src/test/oracle/mecab/make-goldens.sh). */
class MecabGoldenTest {

    static List<Morpheme> morphemes(JsonNode array) {
        List<Morpheme> out = new ArrayList<>();
        for (JsonNode m : array) {
            out.add(new Morpheme(m.get(0).asText(), m.get(1).asText()));
        }
        return out;
    }

    static List<JsonNode> readJsonl(String resource) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        try (InputStream in = MecabGoldenTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                return rows;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank()) {
                    rows.add(json.readTree(line));
                }
            }
        }
        return rows;
    }

    @Test
    void randomStringsMatchDebianMecab() throws IOException {
        MecabTokenizer tokenizer = new MecabTokenizer(TestDictionaries.naistJdic());
        List<JsonNode> rows = readJsonl("/jtalk/mecab/random.jsonl");
        assertTrue(rows.size() >= 2000, "goldens: " + rows.size());
        int same = 0;
        List<String> diffs = new ArrayList<>();
        for (JsonNode row : rows) {
            String input = row.get("input").asText();
            List<Morpheme> expected = morphemes(row.get("morphemes"));
            List<Morpheme> actual = tokenizer.parse(input);
            if (expected.equals(actual)) {
                same++;
            } else if (diffs.size() < 10) {
                diffs.add(input + "\n  mecab: " + expected + "\n  java:  " + actual);
            }
        }
        System.out.printf("MeCab random goldens: %d/%d identical%n", same, rows.size());
        assertEquals(rows.size(), same, String.join("\n", diffs));
    }
}
