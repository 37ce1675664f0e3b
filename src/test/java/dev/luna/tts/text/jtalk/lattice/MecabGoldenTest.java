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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
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
        try (InputStream in = MecabGoldenTest.class.getResourceAsStream(resource)) {
            return in == null ? List.of() : readJsonl(in);
        }
    }

    static List<JsonNode> readJsonl(InputStream in) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        {
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
        List<JsonNode> rows = readJsonl("/jtalk/mecab/random.jsonl");
        assertTrue(rows.size() >= 2000, "goldens: " + rows.size());
        compare("random.jsonl", rows);
    }

    @Test
    void sharedTokenizerIsThreadSafe() throws Exception {
        MecabTokenizer tokenizer = new MecabTokenizer(TestDictionaries.naistJdic());
        List<JsonNode> rows = readJsonl("/jtalk/mecab/random.jsonl");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Long>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 97;
                results.add(pool.submit(() -> {
                    long same = 0;
                    for (int i = 0; i < rows.size(); i++) {
                        JsonNode row = rows.get((i + offset) % rows.size());
                        if (morphemes(row.get("morphemes")).equals(tokenizer.parse(row.get("input").asText()))) {
                            same++;
                        }
                    }
                    return same;
                }));
            }
            for (java.util.concurrent.Future<Long> r : results) {
                assertEquals(rows.size(), r.get().intValue());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Extra, uncommitted oracle runs: -Dluna.mecab.goldens=FILE.jsonl (make-goldens.sh COUNT SEED MAXLEN FILE). */
    @Test
    void extraGoldensFromSystemProperty() throws IOException {
        String file = System.getProperty("luna.mecab.goldens");
        Assumptions.assumeTrue(file != null && !file.isBlank(), "no -Dluna.mecab.goldens");
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            compare(file, readJsonl(in));
        }
    }

    private static void compare(String name, List<JsonNode> rows) {
        MecabTokenizer tokenizer = new MecabTokenizer(TestDictionaries.naistJdic());
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
        System.out.printf("MeCab goldens %s: %d/%d identical%n", name, same, rows.size());
        assertEquals(rows.size(), same, String.join("\n", diffs));
    }
}
