package dev.luna.tts.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import dev.luna.tts.engine.voice.NpyReader;
import dev.luna.tts.engine.voice.NpyReader.NpyArray;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tiny models onnx-export ships under models/: ONNX contract (names, element types, ranks,
 * dynamic axes), ONNX Runtime output against the PyTorch reference outputs committed under
 * src/test/resources/export (zero noise, max |d| <= 1e-4), in-graph noise, and the tokenizer.json
 * loaded by DJL against the character rules.
 */
class ExportedModelsTest {

    private static final Path VOICE = Path.of("models/voices/tiny/model.onnx");
    /** The same voice with every convolution as MatMul (luna_export gemm-convs), loaded on CUDA. */
    private static final Path VOICE_CUDA = Path.of("models/voices/tiny/model.cuda.onnx");
    private static final Path BERT_DIR = Path.of("models/bert/tiny");
    private static final Path REF = Path.of("src/test/resources/export");
    private static final double TOLERANCE = 1e-4;

    private static final String[] VOICE_INPUTS = {"x_tst", "x_tst_lengths", "sid", "tones", "language", "bert",
        "style_vec", "length_scale", "sdp_ratio", "noise_scale", "noise_scale_w"};

    private static OrtEnvironment env;
    private static OrtSession voice;
    private static OrtSession bert;

    @BeforeAll
    static void open() throws OrtException {
        env = OrtEnvironment.getEnvironment();
        voice = env.createSession(VOICE.toString(), new OrtSession.SessionOptions());
        bert = env.createSession(BERT_DIR.resolve("model.onnx").toString(), new OrtSession.SessionOptions());
    }

    @AfterAll
    static void close() throws OrtException {
        voice.close();
        bert.close();
    }

    @Test
    void voiceHonoursTheGeneratorContract() throws OrtException {
        Map<String, NodeInfo> in = voice.getInputInfo();
        assertEquals(List.of(VOICE_INPUTS), new ArrayList<>(in.keySet()));
        assertTensor(in, "x_tst", OnnxJavaType.INT64, -1, -1);
        assertTensor(in, "x_tst_lengths", OnnxJavaType.INT64, -1);
        assertTensor(in, "sid", OnnxJavaType.INT64, -1);
        assertTensor(in, "tones", OnnxJavaType.INT64, -1, -1);
        assertTensor(in, "language", OnnxJavaType.INT64, -1, -1);
        assertTensor(in, "bert", OnnxJavaType.FLOAT, -1, 1024, -1);
        assertTensor(in, "style_vec", OnnxJavaType.FLOAT, -1, 256);
        for (String scalar : List.of("length_scale", "sdp_ratio", "noise_scale", "noise_scale_w")) {
            assertTensor(in, scalar, OnnxJavaType.FLOAT);
        }
        Map<String, NodeInfo> out = voice.getOutputInfo();
        assertEquals(List.of("output", "output_lengths"), new ArrayList<>(out.keySet()));
        assertTensor(out, "output", OnnxJavaType.FLOAT, -1, 1, -1);
        assertTensor(out, "output_lengths", OnnxJavaType.INT64, -1);
    }

    @Test
    void voiceMatchesPyTorchAtZeroNoise() throws Exception {
        for (String c : List.of("voice_a", "voice_b")) {
            NpyArray expected = NpyReader.read(Files.readAllBytes(REF.resolve(c).resolve("output.npy")));
            try (Feeds feeds = Feeds.load(REF.resolve(c), VOICE_INPUTS);
                 OrtSession.Result r = voice.run(feeds.map)) {
                OnnxTensor o = (OnnxTensor) r.get("output").orElseThrow();
                assertArrayEquals(expected.shape(), o.getInfo().getShape(), c + " output shape");
                double d = maxAbsDiff(expected.floats(), floats(o));
                System.out.printf("export parity %s: ONNX Runtime (Java) vs PyTorch max |d| = %.3e over %d samples%n",
                        c, d, expected.count());
                assertTrue(d <= TOLERANCE, c + ": max |d| " + d);
            }
        }
    }

    @Test
    void cudaVariantHasTheSameContractAndMatchesPyTorch() throws Exception {
        try (OrtSession cuda = env.createSession(VOICE_CUDA.toString(), new OrtSession.SessionOptions())) {
            assertEquals(new ArrayList<>(voice.getInputInfo().keySet()), new ArrayList<>(cuda.getInputInfo().keySet()));
            for (var e : voice.getInputInfo().entrySet()) {
                TensorInfo a = (TensorInfo) e.getValue().getInfo();
                TensorInfo b = (TensorInfo) cuda.getInputInfo().get(e.getKey()).getInfo();
                assertEquals(a.type, b.type, e.getKey());
                assertArrayEquals(a.getShape(), b.getShape(), e.getKey());
            }
            for (String c : List.of("voice_a", "voice_b")) {
                NpyArray expected = NpyReader.read(Files.readAllBytes(REF.resolve(c).resolve("output.npy")));
                try (Feeds feeds = Feeds.load(REF.resolve(c), VOICE_INPUTS);
                     OrtSession.Result r = cuda.run(feeds.map);
                     OrtSession.Result plain = voice.run(feeds.map)) {
                    OnnxTensor o = (OnnxTensor) r.get("output").orElseThrow();
                    assertArrayEquals(expected.shape(), o.getInfo().getShape(), c + " output shape");
                    double d = maxAbsDiff(expected.floats(), floats(o));
                    double dPlain = maxAbsDiff(floats((OnnxTensor) plain.get("output").orElseThrow()), floats(o));
                    System.out.printf("export parity %s (%s): vs PyTorch max |d| = %.3e, vs model.onnx %.3e%n",
                            c, VOICE_CUDA.getFileName(), d, dPlain);
                    assertTrue(d <= TOLERANCE, c + ": max |d| " + d);
                    assertTrue(dPlain <= TOLERANCE, c + ": max |d| against model.onnx " + dPlain);
                }
            }
        }
    }

    /**
     * The CUDA variant carries named lengths that ONNX Runtime's planner trusts when it reuses
     * buffers: one session (as the service builds it) must give model.onnx's output for inputs of
     * many lengths, in an order that reuses buffers planned for other lengths.
     */
    @Test
    void cudaVariantMatchesTheModelAtEveryLengthInOneSession() throws Exception {
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            try (OrtSession cuda = env.createSession(VOICE_CUDA.toString(), o);
                 OrtSession plain = env.createSession(VOICE.toString(), o)) {
                java.util.Random rnd = new java.util.Random(11);
                for (int t : new int[] {29, 3, 64, 7, 2, 41}) {
                    Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
                    try {
                        long[] ids = new long[t];
                        long[] tones = new long[t];
                        long[] lang = new long[t];
                        for (int i = 0; i < t; i++) {
                            ids[i] = 1 + rnd.nextInt(100);
                            tones[i] = 6 + rnd.nextInt(2);
                            lang[i] = 1;
                        }
                        float[] feat = new float[1024 * t];
                        for (int i = 0; i < feat.length; i++) {
                            feat[i] = (float) rnd.nextGaussian() * 0.5f;
                        }
                        float[] style = new float[256];
                        for (int i = 0; i < style.length; i++) {
                            style[i] = (float) rnd.nextGaussian() * 0.1f;
                        }
                        feeds.put("x_tst", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {1, t}));
                        feeds.put("x_tst_lengths", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {t}), new long[] {1}));
                        feeds.put("sid", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {0}), new long[] {1}));
                        feeds.put("tones", OnnxTensor.createTensor(env, LongBuffer.wrap(tones), new long[] {1, t}));
                        feeds.put("language", OnnxTensor.createTensor(env, LongBuffer.wrap(lang), new long[] {1, t}));
                        feeds.put("bert", OnnxTensor.createTensor(env, FloatBuffer.wrap(feat), new long[] {1, 1024, t}));
                        feeds.put("style_vec", OnnxTensor.createTensor(env, FloatBuffer.wrap(style), new long[] {1, 256}));
                        float[] scalars = {1.0f, 0f, 0f, 0f};
                        String[] names = {"length_scale", "sdp_ratio", "noise_scale", "noise_scale_w"};
                        for (int i = 0; i < names.length; i++) {
                            feeds.put(names[i], OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {scalars[i]}), new long[0]));
                        }
                        try (OrtSession.Result a = plain.run(feeds); OrtSession.Result b = cuda.run(feeds)) {
                            OnnxTensor ya = (OnnxTensor) a.get("output").orElseThrow();
                            OnnxTensor yb = (OnnxTensor) b.get("output").orElseThrow();
                            assertArrayEquals(ya.getInfo().getShape(), yb.getInfo().getShape(), "output shape for " + t + " phones");
                            double d = maxAbsDiff(floats(ya), floats(yb));
                            assertTrue(d <= TOLERANCE, t + " phones: max |d| " + d);
                        }
                    } finally {
                        feeds.values().forEach(OnnxTensor::close);
                    }
                }
            }
        }
    }

    /** Every convolution form gemm-convs rewrites, at lengths 1..40 and a batch of two. */
    @Test
    void gemmConvsRewriteIsExactOnEveryForm() throws Exception {
        try (OrtSession conv = env.createSession(REF.resolve("conv_zoo.onnx").toString(), new OrtSession.SessionOptions());
             OrtSession gemm = env.createSession(REF.resolve("conv_zoo.cuda.onnx").toString(), new OrtSession.SessionOptions())) {
            java.util.Random rnd = new java.util.Random(3);
            for (long[] shape : List.of(new long[] {1, 6, 1}, new long[] {1, 6, 7}, new long[] {2, 6, 40})) {
                float[] x = new float[(int) (shape[0] * shape[1] * shape[2])];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) rnd.nextGaussian();
                }
                try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
                     OrtSession.Result a = conv.run(Map.of("x", in));
                     OrtSession.Result b = gemm.run(Map.of("x", in))) {
                    OnnxTensor ya = (OnnxTensor) a.get(0);
                    OnnxTensor yb = (OnnxTensor) b.get(0);
                    assertArrayEquals(ya.getInfo().getShape(), yb.getInfo().getShape(), "shape for input " + shape[2]);
                    double d = maxAbsDiff(floats(ya), floats(yb));
                    assertTrue(d <= 1e-5, "length " + shape[2] + ": max |d| " + d);
                }
            }
        }
    }

    @Test
    void voiceDrawsNoiseInsideTheGraph() throws Exception {
        Path dir = REF.resolve("voice_a");
        float[][] runs = new float[2][];
        for (int i = 0; i < 2; i++) {
            try (Feeds feeds = Feeds.load(dir, VOICE_INPUTS)) {
                feeds.scalar("noise_scale", 0.667f);
                feeds.scalar("noise_scale_w", 0.8f);
                feeds.scalar("sdp_ratio", 0.5f);
                try (OrtSession.Result r = voice.run(feeds.map)) {
                    OnnxTensor o = (OnnxTensor) r.get("output").orElseThrow();
                    long[] shape = o.getInfo().getShape();
                    assertEquals(3, shape.length);
                    assertEquals(0, shape[2] % 512, "whole hops of 512 samples");
                    runs[i] = floats(o);
                    for (float v : runs[i]) {
                        assertTrue(Float.isFinite(v) && Math.abs(v) <= 1f, "sample " + v);
                    }
                }
            }
        }
        boolean differ = runs[0].length != runs[1].length || maxAbsDiff(runs[0], runs[1]) > 1e-3;
        assertTrue(differ, "two noisy runs gave the same audio: noise is not drawn in the graph");
    }

    @Test
    void voiceRunsABatchOfTwoPaddedSequences() throws Exception {
        NpyArray a = NpyReader.read(Files.readAllBytes(REF.resolve("voice_a/x_tst.npy")));
        int t = (int) a.shape()[1];
        try (Feeds fa = Feeds.load(REF.resolve("voice_a"), VOICE_INPUTS)) {
            Map<String, OnnxTensor> feeds = new HashMap<>(fa.map);
            long[] ids = a.longs();
            long[] both = new long[2 * t];
            System.arraycopy(ids, 0, both, 0, t);
            System.arraycopy(ids, 0, both, t, 9);
            float[] bertA = NpyReader.read(Files.readAllBytes(REF.resolve("voice_a/bert.npy"))).floats();
            float[] bert2 = new float[2 * bertA.length];
            System.arraycopy(bertA, 0, bert2, 0, bertA.length);
            System.arraycopy(bertA, 0, bert2, bertA.length, bertA.length);
            float[] style = NpyReader.read(Files.readAllBytes(REF.resolve("voice_a/style_vec.npy"))).floats();
            float[] style2 = new float[512];
            System.arraycopy(style, 0, style2, 0, 256);
            System.arraycopy(style, 0, style2, 256, 256);
            List<OnnxTensor> made = new ArrayList<>();
            try {
                made.add(put(feeds, "x_tst", OnnxTensor.createTensor(env, LongBuffer.wrap(both), new long[] {2, t})));
                long[] tonesA = NpyReader.read(Files.readAllBytes(REF.resolve("voice_a/tones.npy"))).longs();
                long[] tones2 = new long[2 * t];
                System.arraycopy(tonesA, 0, tones2, 0, t);
                System.arraycopy(tonesA, 0, tones2, t, 9);
                made.add(put(feeds, "tones", OnnxTensor.createTensor(env, LongBuffer.wrap(tones2), new long[] {2, t})));
                long[] lang = new long[2 * t];
                for (int i = 0; i < lang.length; i++) {
                    lang[i] = (i % t) % 2;
                }
                made.add(put(feeds, "language", OnnxTensor.createTensor(env, LongBuffer.wrap(lang), new long[] {2, t})));
                made.add(put(feeds, "x_tst_lengths", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {t, 9}), new long[] {2})));
                made.add(put(feeds, "sid", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {0, 1}), new long[] {2})));
                made.add(put(feeds, "bert", OnnxTensor.createTensor(env, FloatBuffer.wrap(bert2), new long[] {2, 1024, t})));
                made.add(put(feeds, "style_vec", OnnxTensor.createTensor(env, FloatBuffer.wrap(style2), new long[] {2, 256})));
                try (OrtSession.Result r = voice.run(feeds)) {
                    long[] shape = ((OnnxTensor) r.get("output").orElseThrow()).getInfo().getShape();
                    assertEquals(2, shape[0]);
                    assertEquals(1, shape[1]);
                    assertTrue(shape[2] > 0 && shape[2] % 512 == 0);
                }
            } finally {
                for (OnnxTensor m : made) {
                    m.close();
                }
            }
        }
    }

    @Test
    void bertHonoursTheContractAndMatchesPyTorch() throws Exception {
        Map<String, NodeInfo> in = bert.getInputInfo();
        assertEquals(List.of("input_ids", "attention_mask"), new ArrayList<>(in.keySet()));
        assertTensor(in, "input_ids", OnnxJavaType.INT64, -1, -1);
        assertTensor(in, "attention_mask", OnnxJavaType.INT64, -1, -1);
        Map<String, NodeInfo> out = bert.getOutputInfo();
        assertEquals(List.of("output", "hidden_states"), new ArrayList<>(out.keySet()));
        assertTensor(out, "output", OnnxJavaType.FLOAT, -1, 1024);
        assertTensor(out, "hidden_states", OnnxJavaType.FLOAT, -1, -1, 1024);

        NpyArray expected = NpyReader.read(Files.readAllBytes(REF.resolve("bert/output.npy")));
        try (Feeds feeds = Feeds.load(REF.resolve("bert"), new String[] {"input_ids", "attention_mask"});
             OrtSession.Result r = bert.run(feeds.map)) {
            OnnxTensor o = (OnnxTensor) r.get("output").orElseThrow();
            assertArrayEquals(expected.shape(), o.getInfo().getShape());
            double d = maxAbsDiff(expected.floats(), floats(o));
            System.out.printf("export parity bert: ONNX Runtime (Java) vs PyTorch max |d| = %.3e over %d values%n",
                    d, expected.count());
            assertTrue(d <= TOLERANCE, "bert max |d| " + d);
        }
    }

    @Test
    void tokenizerJsonTokenizesOneIdPerCharacter() throws IOException {
        Map<String, Long> vocab = new HashMap<>();
        List<String> lines = Files.readAllLines(BERT_DIR.resolve("vocab.txt"), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            vocab.put(lines.get(i), (long) i);
        }
        assertEquals(1L, vocab.get("[CLS]"));
        assertEquals(2L, vocab.get("[SEP]"));
        assertEquals(3L, vocab.get("[UNK]"));
        try (HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(BERT_DIR.resolve("tokenizer.json"))) {
            assertArrayEquals(ids(vocab, "こ", "ん", "に", "ち", "は", "。"), tok.encode("こんにちは。").getIds());
            assertArrayEquals(ids(vocab, "A", "B", "C"), tok.encode("ＡＢＣ").getIds(), "NFKC full-width -> ASCII");
            assertArrayEquals(ids(vocab, "今", "日", "は", "晴", "れ", "!"), tok.encode("今日は晴れ！").getIds());
            assertFalse(vocab.containsKey("鬱"));
            assertArrayEquals(new long[] {1, 3, 2}, tok.encode("鬱").getIds(), "kanji outside the vocabulary -> [UNK]");
            assertArrayEquals(new long[] {1, 3, 3, 2}, tok.encode("𠮷😀").getIds(), "non-BMP characters -> one [UNK] each");
            assertArrayEquals(new long[] {1, 2}, tok.encode("").getIds());

            JsonNode cases = new ObjectMapper().readTree(REF.resolve("tokenizer_cases.json").toFile());
            for (JsonNode c : cases) {
                long[] want = new long[c.get("ids").size()];
                for (int i = 0; i < want.length; i++) {
                    want[i] = c.get("ids").get(i).asLong();
                }
                Encoding e = tok.encode(c.get("text").asText());
                assertArrayEquals(want, e.getIds(), "text " + c.get("text"));
            }
        }
    }

    private static long[] ids(Map<String, Long> vocab, String... chars) {
        long[] out = new long[chars.length + 2];
        out[0] = 1;
        for (int i = 0; i < chars.length; i++) {
            Long id = vocab.get(chars[i]);
            assertTrue(id != null, chars[i] + " missing from vocab.txt");
            out[i + 1] = id;
        }
        out[out.length - 1] = 2;
        return out;
    }

    private static OnnxTensor put(Map<String, OnnxTensor> m, String k, OnnxTensor t) {
        m.put(k, t);
        return t;
    }

    private static void assertTensor(Map<String, NodeInfo> infos, String name, OnnxJavaType type, long... shape) {
        TensorInfo t = (TensorInfo) infos.get(name).getInfo();
        assertEquals(type, t.type, name + " type");
        assertArrayEquals(shape, t.getShape(), name + " shape (-1 = dynamic)");
    }

    private static float[] floats(OnnxTensor t) {
        FloatBuffer b = t.getFloatBuffer();
        float[] out = new float[b.remaining()];
        b.get(out);
        return out;
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length, "lengths");
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs((double) a[i] - b[i]));
        }
        return m;
    }

    /** ONNX Runtime tensors built from the .npy files of one reference case. */
    private static final class Feeds implements AutoCloseable {
        final Map<String, OnnxTensor> map = new LinkedHashMap<>();

        static Feeds load(Path dir, String[] names) throws IOException, OrtException {
            Feeds f = new Feeds();
            for (String n : names) {
                NpyArray npy = NpyReader.read(Files.readAllBytes(dir.resolve(n + ".npy")));
                OnnxTensor t = npy.descr().equals("<i8")
                        ? OnnxTensor.createTensor(env, LongBuffer.wrap(npy.longs()), npy.shape())
                        : OnnxTensor.createTensor(env, FloatBuffer.wrap(npy.floats()), npy.shape());
                f.map.put(n, t);
            }
            return f;
        }

        void scalar(String name, float v) throws OrtException {
            map.remove(name).close();
            map.put(name, OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {v}), new long[0]));
        }

        @Override
        public void close() {
            Stream.of(map.values().toArray(new OnnxTensor[0])).forEach(OnnxTensor::close);
        }
    }
}
