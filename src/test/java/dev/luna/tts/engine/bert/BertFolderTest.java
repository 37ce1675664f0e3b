package dev.luna.tts.engine.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SBV2/AivisSpeech BERT folders: model_fp16.onnx with a token_type_ids input, vocab.txt beside a
 * (ignored) tokenizer.json, give the same features as today's folder (model.onnx + tokenizer.json).
 */
class BertFolderTest {

    static final Path TINY = Path.of("models/bert/tiny");
    static final String TEXT = "今日はいい天気ですね.";

    /** An SBV2-style folder: the tiny graph + token_type_ids as model_fp16.onnx, vocab.txt, tokenizer.json. */
    static Path sbv2Folder(Path dir) throws IOException {
        Files.createDirectories(dir);
        byte[] graph = OnnxGraphInputs.withInt64Input(Files.readAllBytes(TINY.resolve("model.onnx")),
                "token_type_ids", "batch", "seq");
        Files.write(dir.resolve(BertFolder.FP16), graph);
        Files.copy(TINY.resolve("vocab.txt"), dir.resolve("vocab.txt"));
        Files.copy(TINY.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        Files.writeString(dir.resolve("tokenizer_config.json"), """
                {"tokenizer_class": "BertJapaneseTokenizer", "do_lower_case": false,
                 "word_tokenizer_type": "basic", "subword_tokenizer_type": "character"}""");
        return dir;
    }

    @Test
    void sbv2FolderWithFp16NameAndTokenTypeIdsGivesTodaysFeatures(@TempDir Path tmp) throws Exception {
        BertFolder folder = BertFolder.resolve(sbv2Folder(tmp.resolve("deberta-onnx")), BertFolder.Precision.FP32_FIRST);
        assertEquals(BertFolder.FP16, folder.model().getFileName().toString());
        assertEquals("vocab.txt", folder.vocabSource().getFileName().toString());
        assertEquals("tokenizer.json", folder.ignoredTokenizerJson().getFileName().toString());
        assertNull(folder.cudaModel());

        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[][] expected;
        try (BertModel today = new BertModel("tiny", env, env.createSession(TINY.resolve("model.onnx").toString(),
                new OrtSession.SessionOptions()), new CharTokenizer(TINY.resolve("tokenizer.json")), null)) {
            expected = today.features(TEXT);
        }
        try (OrtSession s = env.createSession(folder.model().toString(), new OrtSession.SessionOptions())) {
            assertEquals(Set.of("input_ids", "attention_mask", "token_type_ids"), s.getInputNames());
            long[] ids = folder.tokenizer().encodePerCharacter(TEXT);
            float[][] got = run(env, s, ids);
            assertEquals(expected.length, got.length);
            for (int i = 0; i < got.length; i++) {
                assertArrayEquals(expected[i], got[i], 0f, "row " + i);
            }
        }
        // the service's own path: BertModel feeds token_type_ids itself and tokenizes from vocab.txt
        try (BertModel folderModel = new BertModel("sbv2", env, env.createSession(folder.model().toString(),
                new OrtSession.SessionOptions()), BertTokenizer.of(folder.tokenizer()), null)) {
            float[][] got = folderModel.features(TEXT);
            assertEquals(expected.length, got.length);
            for (int i = 0; i < got.length; i++) {
                assertArrayEquals(expected[i], got[i], 0f, "BertModel row " + i);
            }
            float[][] batched = folderModel.features(java.util.List.of(TEXT, "あ")).get(0);
            for (int i = 0; i < batched.length; i++) {
                assertArrayEquals(expected[i], batched[i], 1e-5f, "BertModel batch row " + i);
            }
        }
    }

    static float[][] run(OrtEnvironment env, OrtSession s, long[] ids) throws OrtException {
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
            for (Map.Entry<String, long[]> e : BertFolder.feeds(s.getInputNames(), ids).entrySet()) {
                in.put(e.getKey(), OnnxTensor.createTensor(env, LongBuffer.wrap(e.getValue()), new long[]{1, ids.length}));
            }
            try (OrtSession.Result r = s.run(in)) {
                Object v = r.get(0).getValue();
                return v instanceof float[][][] three ? three[0] : (float[][]) v;
            }
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }

    @Test
    void saysOnceWhenATokenizerJsonIsIgnored(@TempDir Path tmp) throws IOException {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(BertFolder.class.getName());
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                lines.add(r.getLevel() + " " + r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(h);
        try {
            Path dir = sbv2Folder(tmp.resolve("deberta-onnx"));
            BertFolder folder = BertFolder.resolve(dir, BertFolder.Precision.FP32_FIRST);
            assertEquals(List.of(), lines, "resolving (a repository scan) logs nothing");
            folder.tokenizer();
            assertEquals(List.of("INFO BERT " + dir + ": tokenizing from vocab.txt (BertJapaneseTokenizer character mode);"
                    + " tokenizer.json ignored (a WordPiece conversion: it maps multi-character words missing from the"
                    + " vocabulary to [UNK])"), lines);
        } finally {
            jul.removeHandler(h);
        }
    }

    @Test
    void picksModelOnnxOrModelFp16ByPrecision(@TempDir Path tmp) throws IOException {
        Path dir = sbv2Folder(tmp.resolve("both"));
        Files.copy(TINY.resolve("model.onnx"), dir.resolve(BertFolder.FP32));
        Files.writeString(dir.resolve("model_fp16.cuda.onnx"), "x");
        assertEquals(dir.resolve("model.onnx"), BertFolder.resolve(dir, BertFolder.Precision.FP32_FIRST).model());
        BertFolder fp16 = BertFolder.resolve(dir, BertFolder.Precision.FP16_FIRST);
        assertEquals(dir.resolve("model_fp16.onnx"), fp16.model());
        assertEquals(dir.resolve("model_fp16.cuda.onnx"), fp16.cudaModel());
        assertTrue(BertFolder.isBertFolder(dir));
    }

    @Test
    void todaysFolderStillResolves() throws IOException {
        BertFolder f = BertFolder.resolve(TINY, BertFolder.Precision.FP32_FIRST);
        assertEquals(TINY.resolve("model.onnx"), f.model());
        assertEquals(TINY.resolve("vocab.txt"), f.vocabSource());
    }

    @Test
    void folderWithoutVocabTxtUsesTheVocabularyOfTokenizerJson(@TempDir Path tmp) throws IOException {
        Path dir = sbv2Folder(tmp.resolve("novocab"));
        Files.delete(dir.resolve("vocab.txt"));
        BertFolder f = BertFolder.resolve(dir, BertFolder.Precision.FP32_FIRST);
        assertEquals(dir.resolve("tokenizer.json"), f.vocabSource());
        assertArrayEquals(VocabCharTokenizer.fromVocabFile(TINY.resolve("vocab.txt"), false).encodePerCharacter(TEXT),
                f.tokenizer().encodePerCharacter(TEXT));
    }

    @Test
    void clearErrors(@TempDir Path tmp) throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        IOException e = assertThrows(IOException.class, () -> BertFolder.resolve(empty, BertFolder.Precision.FP32_FIRST));
        assertEquals("BERT folder " + empty + " has neither model.onnx nor model_fp16.onnx", e.getMessage());

        Path wp = sbv2Folder(tmp.resolve("wordpiece"));
        Files.writeString(wp.resolve("tokenizer_config.json"), "{\"subword_tokenizer_type\": \"wordpiece\"}");
        e = assertThrows(IOException.class, () -> BertFolder.resolve(wp, BertFolder.Precision.FP32_FIRST));
        assertTrue(e.getMessage().contains("subword_tokenizer_type is \"wordpiece\""), e.getMessage());

        Path novocab = sbv2Folder(tmp.resolve("nothing"));
        Files.delete(novocab.resolve("vocab.txt"));
        Files.delete(novocab.resolve("tokenizer.json"));
        e = assertThrows(IOException.class, () -> BertFolder.resolve(novocab, BertFolder.Precision.FP32_FIRST));
        assertTrue(e.getMessage().contains("has no vocab.txt"), e.getMessage());

        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> BertFolder.feeds(List.of("input_ids", "attention_mask", "position_ids"), new long[]{1, 2}));
        assertTrue(bad.getMessage().contains("position_ids"));
        assertThrows(IllegalArgumentException.class, () -> BertFolder.feeds(List.of("input_ids"), new long[]{1}));
        Map<String, long[]> f = BertFolder.feeds(List.of("input_ids", "attention_mask", "token_type_ids"), new long[]{1, 9, 2});
        assertArrayEquals(new long[]{1, 9, 2}, f.get("input_ids"));
        assertArrayEquals(new long[]{1, 1, 1}, f.get("attention_mask"));
        assertArrayEquals(new long[]{0, 0, 0}, f.get("token_type_ids"));
        // a padded batch of two (lengths 3 and 2), flattened
        Map<String, long[]> b = BertFolder.feeds(List.of("input_ids", "attention_mask", "token_type_ids"),
                new long[]{1, 9, 2, 1, 2, 0}, new long[]{1, 1, 1, 1, 1, 0});
        assertArrayEquals(new long[]{1, 1, 1, 1, 1, 0}, b.get("attention_mask"));
        assertArrayEquals(new long[6], b.get("token_type_ids"));
    }
}
