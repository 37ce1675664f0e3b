package dev.luna.tts.export;

import static dev.luna.tts.export.GeneratorFeeds.floats;
import static dev.luna.tts.export.GeneratorFeeds.longs;
import static dev.luna.tts.export.GeneratorFeeds.maxAbsDiff;
import static dev.luna.tts.export.GeneratorFeeds.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.luna.tts.export.GeneratorFeeds.Piece;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cross-request batching (issue #10): the engine runs pieces of different lengths as one batch and
 * cuts each item's audio by {@code output_lengths}. Every item must get exactly the samples it gets
 * alone (zero noise, max |d| <= 1e-4), for the plain graph (CPU) and its MatMul form (CUDA); the
 * BERT's {@code hidden_states} rows of a right-padded batch must equal unbatched features.
 */
class BatchedGraphsTest {

    private static final String VOICE_DIR = "models/voices/tiny/";
    private static final int HOP = 512;
    private static final double TOLERANCE = 1e-4;

    private static OrtEnvironment env;
    private static OrtSession bert;

    @BeforeAll
    static void open() throws Exception {
        env = OrtEnvironment.getEnvironment();
        bert = env.createSession("models/bert/tiny/model.onnx", new OrtSession.SessionOptions());
    }

    @AfterAll
    static void close() throws Exception {
        bert.close();
    }

    @Test
    void plainGeneratorBatchEqualsSingleRuns() throws Exception {
        assertBatchEqualsSingles("model.onnx");
    }

    @Test
    void cudaVariantBatchEqualsSingleRuns() throws Exception {
        assertBatchEqualsSingles("model.cuda.onnx");
    }

    private static void assertBatchEqualsSingles(String file) throws Exception {
        try (OrtSession s = env.createSession(VOICE_DIR + file, new OrtSession.SessionOptions())) {
            TensorInfo lengthsInfo = (TensorInfo) s.getOutputInfo().get("output_lengths").getInfo();
            assertEquals(OnnxJavaType.INT64, lengthsInfo.type);
            assertArrayEquals(new long[] {-1}, lengthsInfo.getShape());
            Random rnd = new Random(10);
            // a long, a short and a middle piece, two speakers; then with sdp and a slower tempo
            List<Piece> pieces = List.of(Piece.random(rnd, 31, 0), Piece.random(rnd, 6, 1), Piece.random(rnd, 17, 0));
            for (float[] p : new float[][] {{1.0f, 0.0f}, {1.3f, 0.6f}}) {
                Map<String, OnnxTensor> feeds = GeneratorFeeds.of(env, pieces, p[0], p[1]);
                try (OrtSession.Result batch = s.run(feeds)) {
                    long[] outShape = shape(batch, "output");
                    long[] lengths = longs(batch, "output_lengths");
                    float[] audio = floats(batch, "output");
                    int width = (int) outShape[2];
                    assertEquals(3, outShape[0]);
                    assertEquals(1, outShape[1]);
                    assertEquals(width, java.util.Arrays.stream(lengths).max().orElseThrow(), "output is as long as the longest item");
                    for (int i = 0; i < pieces.size(); i++) {
                        Map<String, OnnxTensor> one = GeneratorFeeds.of(env, List.of(pieces.get(i)), p[0], p[1]);
                        try (OrtSession.Result single = s.run(one)) {
                            float[] alone = floats(single, "output");
                            assertArrayEquals(new long[] {alone.length}, longs(single, "output_lengths"));
                            assertEquals(alone.length, lengths[i], file + " item " + i + ": output_lengths");
                            assertEquals(0, lengths[i] % HOP);
                            double d = maxAbsDiff(audio, i * width, alone, 0, alone.length);
                            System.out.printf("batched %s item %d (%d phones, length_scale %.1f, sdp %.1f): %d samples, "
                                    + "max |d| vs alone = %.3e%n", file, i, pieces.get(i).length(), p[0], p[1], alone.length, d);
                            assertTrue(d <= TOLERANCE, file + " item " + i + ": max |d| " + d);
                            for (int k = alone.length; k < width; k++) {
                                assertTrue(audio[i * width + k] == 0f, file + " item " + i + ": padding sample " + k + " is "
                                        + audio[i * width + k]);
                            }
                        } finally {
                            GeneratorFeeds.close(one);
                        }
                    }
                } finally {
                    GeneratorFeeds.close(feeds);
                }
            }
        }
    }

    @Test
    void bertHiddenStatesOfAPaddedBatchEqualSingleRuns() throws Exception {
        TensorInfo info = (TensorInfo) bert.getOutputInfo().get("hidden_states").getInfo();
        assertEquals(OnnxJavaType.FLOAT, info.type);
        assertArrayEquals(new long[] {-1, -1, 1024}, info.getShape());
        Random rnd = new Random(4);
        int[] lengths = {12, 3, 27};
        List<long[]> rows = new ArrayList<>();
        for (int n : lengths) {
            long[] ids = new long[n];
            ids[0] = 1;
            for (int i = 1; i < n - 1; i++) {
                ids[i] = 5 + rnd.nextInt(3000);
            }
            ids[n - 1] = 2;
            rows.add(ids);
        }
        int l = 27;
        long[] ids = new long[3 * l];
        long[] mask = new long[3 * l];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(rows.get(i), 0, ids, i * l, lengths[i]);
            java.util.Arrays.fill(mask, i * l, i * l + lengths[i], 1L);
        }
        try (OnnxTensor idsT = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {3, l});
             OnnxTensor maskT = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), new long[] {3, l});
             OrtSession.Result batch = bert.run(Map.of("input_ids", idsT, "attention_mask", maskT))) {
            assertArrayEquals(new long[] {3, l, 1024}, shape(batch, "hidden_states"));
            assertArrayEquals(new long[] {l, 1024}, shape(batch, "output"), "output stays row 0");
            float[] states = floats(batch, "hidden_states");
            assertTrue(maxAbsDiff(states, 0, floats(batch, "output"), 0, l * 1024) == 0.0, "output = hidden_states[0]");
            for (int i = 0; i < 3; i++) {
                int n = lengths[i];
                long[] ones = new long[n];
                java.util.Arrays.fill(ones, 1L);
                try (OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(rows.get(i)), new long[] {1, n});
                     OnnxTensor m = OnnxTensor.createTensor(env, LongBuffer.wrap(ones), new long[] {1, n});
                     OrtSession.Result single = bert.run(Map.of("input_ids", a, "attention_mask", m))) {
                    float[] alone = floats(single, "output");
                    double d = maxAbsDiff(states, i * l * 1024, alone, 0, n * 1024);
                    System.out.printf("batched bert row %d (%d tokens): max |d| vs alone = %.3e%n", i, n, d);
                    assertTrue(d <= TOLERANCE, "row " + i + ": max |d| " + d);
                }
            }
        }
    }
}
