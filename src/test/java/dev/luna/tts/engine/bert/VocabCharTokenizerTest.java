package dev.luna.tts.engine.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BertJapaneseTokenizer character mode from vocab.txt: same ids as today's CharTokenizer on the
 * tiny model's vocabulary and on SBV2's real 22,012-token one (the fixture tokenizer.json SBV2 2.7
 * writes beside its ONNX BERT), and what WordPiece on that tokenizer.json does instead.
 */
class VocabCharTokenizerTest {

    static final Path TINY = Path.of("models/bert/tiny");
    /** SBV2 2.7's tokenizer.json for its ONNX BERT, from the project's shared fixtures (beside the checkout). */
    static final Path FIXTURE = Path.of("../shared/fixtures/sbv2-onnx-bert-tokenizer.json");

    /**
     * The fixture when this checkout has ../shared beside it; otherwise the tests below that need the
     * real 22,012-token vocabulary are skipped (and say so), while {@link #sbv2StyleTokenizerJson}
     * still checks the same WordPiece behaviour on the tiny vocabulary.
     */
    static Path fixture() {
        Assumptions.assumeTrue(Files.isRegularFile(FIXTURE), "no " + FIXTURE + " beside this checkout");
        return FIXTURE;
    }

    /**
     * A tokenizer.json shaped like SBV2's (BertConverter output: BertNormalizer without lowercase or
     * NFKC, BertPreTokenizer, WordPiece with "##" prefix) over the tiny model's vocabulary, which like
     * SBV2's has single characters only.
     */
    static Path sbv2StyleTokenizerJson(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        root.putArray("added_tokens");
        ObjectNode norm = root.putObject("normalizer");
        norm.put("type", "BertNormalizer").put("clean_text", true).put("handle_chinese_chars", false)
                .put("strip_accents", false).put("lowercase", false);
        root.putObject("pre_tokenizer").put("type", "BertPreTokenizer");
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "BertProcessing");
        post.putArray("sep").add("[SEP]").add(2);
        post.putArray("cls").add("[CLS]").add(1);
        root.putObject("decoder").put("type", "WordPiece").put("prefix", "##").put("cleanup", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "WordPiece").put("unk_token", "[UNK]").put("continuing_subword_prefix", "##")
                .put("max_input_chars_per_word", 100);
        ObjectNode vocab = model.putObject("vocab");
        VocabCharTokenizer.readVocab(TINY.resolve("vocab.txt")).entrySet().stream()
                .sorted(Map.Entry.comparingByValue()).forEach(e -> vocab.put(e.getKey(), e.getValue()));
        Path out = dir.resolve("sbv2-style-tokenizer.json");
        json.writeValue(out.toFile(), root);
        return out;
    }

    /** Texts as SBV2 hands them to BERT: normalize_text output (NFKC, punctuation mapped, no spaces). */
    static final List<String> SBV2_TEXTS = List.of(
            "こんにちは", "今日はいい天気ですね.", "東京都、123!?", "ヴァイオリンを弾く々'", "abcXYZ-",
            "𠮷野家で😀", "ーぁっ...");

    /** vocab.txt as transformers would have it: the fixture's tokens in id order, one per line. */
    static Path fixtureVocab(Path dir) throws IOException {
        Map<Integer, String> byId = new TreeMap<>();
        BertFolder.vocabOfTokenizerJson(fixture()).forEach((t, id) -> byId.put(id, t));
        assertEquals(byId.size(), byId.keySet().stream().mapToInt(i -> i).max().orElseThrow() + 1, "ids are dense");
        Path vocab = dir.resolve("vocab.txt");
        Files.writeString(vocab, String.join("\n", byId.values()) + "\n", StandardCharsets.UTF_8);
        return vocab;
    }

    @Test
    void sameIdsAsCharTokenizerOnTheTinyVocabulary() throws IOException {
        VocabCharTokenizer v = VocabCharTokenizer.fromVocabFile(TINY.resolve("vocab.txt"), false);
        assertEquals(3267, v.size());
        try (CharTokenizer c = new CharTokenizer(TINY.resolve("tokenizer.json"))) {
            for (String text : SBV2_TEXTS) {
                long[] expected = c.encode(text);
                assertArrayEquals(expected, v.encodePerCharacter(text), text);
                assertArrayEquals(expected, v.tokenize(text), text);
            }
        }
    }

    @Test
    void sameIdsAsCharTokenizerOnSbv2sVocabulary(@TempDir Path tmp) throws IOException {
        VocabCharTokenizer v = VocabCharTokenizer.fromVocabFile(fixtureVocab(tmp), false);
        assertEquals(22012, v.size());
        try (CharTokenizer c = new CharTokenizer(fixture())) {
            for (String text : SBV2_TEXTS) {
                assertArrayEquals(c.encode(text), v.encodePerCharacter(text), text);
                assertArrayEquals(c.encode(text), v.tokenize(text), text);
            }
        }
        // Exact ids from the fixture: [CLS]=1 こ=37 ん=57 に=8 ち=105 は=18 [SEP]=2 (SBV2-FACTS' g2p example).
        assertArrayEquals(new long[]{1, 37, 57, 8, 105, 18, 2}, v.tokenize("こんにちは"));
        assertArrayEquals(new long[]{1, 268, 55, 18, 455, 197, 10, 2}, v.tokenize("今日は天気。"));
    }

    /**
     * The issue's claim, checked: SBV2's tokenizer.json is WordPiece over a vocabulary of single
     * characters without "##" entries, so a word of several characters is one [UNK].
     */
    @Test
    void wordPieceOnSbv2sTokenizerJsonDoesNotGiveOneTokenPerCharacter(@TempDir Path tmp) throws IOException {
        assertEquals(0, BertFolder.vocabOfTokenizerJson(fixture()).keySet().stream().filter(t -> t.startsWith("##")).count());
        VocabCharTokenizer v = VocabCharTokenizer.fromVocabFile(fixtureVocab(tmp), false);
        try (HuggingFaceTokenizer wp = HuggingFaceTokenizer.newInstance(fixture(), Map.of("addSpecialTokens", "true"))) {
            assertArrayEquals(new long[]{1, 3, 2}, wp.encode("こんにちは").getIds());           // [CLS] [UNK] [SEP]
            assertArrayEquals(new long[]{1, 3, 10, 2}, wp.encode("今日は天気。").getIds());      // punctuation splits words
            // Single characters between punctuation are the only case where it agrees.
            assertArrayEquals(v.tokenize("は、。"), wp.encode("は、。").getIds());
        }
        assertEquals(7, v.tokenize("こんにちは").length);
    }

    /** The same WordPiece behaviour, on a tokenizer.json of SBV2's shape over the tiny vocabulary (runs everywhere). */
    @Test
    void wordPieceOnAnSbv2StyleTokenizerJsonGivesUnkForWords(@TempDir Path tmp) throws IOException {
        VocabCharTokenizer v = VocabCharTokenizer.fromVocabFile(TINY.resolve("vocab.txt"), false);
        long[] perChar = v.tokenize("こんにちは");
        assertEquals(7, perChar.length);
        try (HuggingFaceTokenizer wp = HuggingFaceTokenizer.newInstance(sbv2StyleTokenizerJson(tmp),
                Map.of("addSpecialTokens", "true"))) {
            assertArrayEquals(new long[]{1, v.unkId(), 2}, wp.encode("こんにちは").getIds());
            // today's CharTokenizer notices the count mismatch and encodes each character alone: same ids
            try (CharTokenizer c = new CharTokenizer(sbv2StyleTokenizerJson(tmp))) {
                for (String text : SBV2_TEXTS) {
                    assertArrayEquals(c.encode(text), v.encodePerCharacter(text), text);
                }
            }
        }
    }

    /** Rules checked on the tiny vocabulary (は=51, A=218, a=250, !=186, .=199, 株式会社=667 1445 570 1479). */
    @Test
    void bertJapaneseTokenizerRules() throws IOException {
        VocabCharTokenizer v = VocabCharTokenizer.fromVocabFile(TINY.resolve("vocab.txt"), false);
        // NFKC: full-width letters and the ellipsis become their compatibility forms.
        assertArrayEquals(new long[]{1, 218, 186, 2}, v.tokenize("Ａ！"));
        assertArrayEquals(new long[]{1, 199, 199, 199, 2}, v.tokenize("…"));
        // do_lower_case=false keeps case.
        assertArrayEquals(new long[]{1, 218, 250, 2}, v.tokenize("Aa"));
        // Whitespace and control/private-use characters vanish in BertJapaneseTokenizer ...
        assertArrayEquals(new long[]{1, 51, 51, 2}, v.tokenize(" は\tは\u200b\uE000"));
        // ... but keep their slot ([UNK]) when one id per character is required.
        assertArrayEquals(new long[]{1, 51, 3, 51, 2}, v.encodePerCharacter("は は"));
        // NFKC that expands one character into several: four tokens, or one [UNK] per character.
        assertArrayEquals(new long[]{1, 667, 1445, 570, 1479, 2}, v.tokenize("㍿"));
        assertArrayEquals(new long[]{1, 3, 2}, v.encodePerCharacter("㍿"));
        // Special tokens stay whole, even inside a word.
        assertArrayEquals(new long[]{1, 51, 4, 51, 2}, v.tokenize("は[MASK]は"));
        // A surrogate pair is one character ([UNK] here: not in the tiny vocabulary).
        assertArrayEquals(new long[]{1, 3, 2}, v.encodePerCharacter("𠮷"));
    }

    @Test
    void doLowerCaseLowersAndStripsAccents() throws IOException {
        VocabCharTokenizer lower = VocabCharTokenizer.fromVocabFile(TINY.resolve("vocab.txt"), true);
        assertArrayEquals(new long[]{1, 250, 254, 2}, lower.tokenize("ÄÉ"));
    }

    @Test
    void vocabTxtIsReadLineByLine(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("vocab.txt");
        Files.writeString(f, "[PAD]\r\n[CLS]\n[SEP]\n[UNK]\n \nあ\n", StandardCharsets.UTF_8);
        Map<String, Integer> vocab = VocabCharTokenizer.readVocab(f);
        assertEquals(Map.of("[PAD]", 0, "[CLS]", 1, "[SEP]", 2, "[UNK]", 3, " ", 4, "あ", 5), vocab);
        assertArrayEquals(new long[]{1, 5, 3, 2}, new VocabCharTokenizer(vocab, false).tokenize("あい"));
        // the tiny model's tokenizer.json holds the same vocabulary as its vocab.txt
        assertEquals(VocabCharTokenizer.readVocab(TINY.resolve("vocab.txt")), BertFolder.vocabOfTokenizerJson(TINY.resolve("tokenizer.json")));
        assertEquals(List.of("a", "-", "b", "[SEP]", "c"),
                new VocabCharTokenizer(vocab, false).basicTokens(" a-b[SEP]c "));
    }
}
