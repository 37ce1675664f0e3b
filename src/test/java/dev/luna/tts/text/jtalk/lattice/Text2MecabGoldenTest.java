package dev.luna.tts.text.jtalk.lattice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.luna.tts.text.jtalk.dictionary.TestDictionaries;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Text2Mecab against OpenJTalk's own text2mecab() and MecabTokenizer against Debian mecab on that converted
 * text (src/test/oracle/mecab/make-text2mecab-goldens.sh): every BMP character plus random strings.
 */
class Text2MecabGoldenTest {

    private static List<JsonNode> rows;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = new GZIPInputStream(
                Text2MecabGoldenTest.class.getResourceAsStream("/jtalk/mecab/text2mecab.jsonl.gz"))) {
            rows = MecabGoldenTest.readJsonl(in);
        }
        assertTrue(rows.size() > 4000, "goldens: " + rows.size());
    }

    @Test
    void convertMatchesOpenJTalk() {
        int same = 0;
        List<String> diffs = new ArrayList<>();
        for (JsonNode row : rows) {
            String actual = Text2Mecab.convert(row.get("input").asText());
            if (actual.equals(row.get("converted").asText())) {
                same++;
            } else if (diffs.size() < 10) {
                diffs.add(row.get("input").asText() + "\n  c:    " + row.get("converted").asText() + "\n  java: " + actual);
            }
        }
        System.out.printf("text2mecab goldens: %d/%d identical%n", same, rows.size());
        assertEquals(rows.size(), same, String.join("\n", diffs));
    }

    @Test
    void tokenizerMatchesMecabOnConvertedText() {
        MecabTokenizer tokenizer = new MecabTokenizer(TestDictionaries.naistJdic());
        int same = 0;
        List<String> diffs = new ArrayList<>();
        for (JsonNode row : rows) {
            String converted = row.get("converted").asText();
            List<Morpheme> expected = MecabGoldenTest.morphemes(row.get("morphemes"));
            List<Morpheme> actual = tokenizer.parse(converted);
            if (expected.equals(actual)) {
                same++;
            } else if (diffs.size() < 10) {
                diffs.add(converted + "\n  mecab: " + expected + "\n  java:  " + actual);
            }
        }
        System.out.printf("mecab on text2mecab output: %d/%d identical%n", same, rows.size());
        assertEquals(rows.size(), same, String.join("\n", diffs));
    }
}
