package dev.luna.tts.export;

import static dev.luna.tts.export.GeneratorFeeds.floats;
import static dev.luna.tts.export.GeneratorFeeds.longs;
import static dev.luna.tts.export.GeneratorFeeds.maxAbsDiff;
import static dev.luna.tts.export.GeneratorFeeds.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.luna.tts.export.GeneratorFeeds.Piece;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sub-sentence streaming (issue #12): model.latent.onnx gives a piece's frames once (noise drawn
 * there), model.decoder.onnx turns chunks of {@code luna_chunk_frames} frames with
 * {@code luna_margin_frames} on each side into the centre's audio. Concatenated, the chunks must be
 * the whole graph's output (zero noise, max |d| <= 1e-4, at chunk boundaries too), for the plain
 * graphs and their MatMul (CUDA) forms.
 */
class ChunkedDecoderTest {

    /** The tiny voice; {@code -Dluna.export.voice-dir=...} runs the same checks on another export (e.g. bench-voice's). */
    private static final String DIR = System.getProperty("luna.export.voice-dir", "models/voices/tiny") + "/";
    private static final boolean TINY = DIR.equals("models/voices/tiny/");
    private static final double TOLERANCE = 1e-4;

    private static OrtEnvironment env;
    private static OrtSession whole;

    @BeforeAll
    static void open() throws Exception {
        env = OrtEnvironment.getEnvironment();
        whole = env.createSession(DIR + "model.onnx", new OrtSession.SessionOptions());
    }

    @AfterAll
    static void close() throws Exception {
        whole.close();
    }

    /** The chunk plan of the decoder graph's metadata. */
    record Plan(int chunk, int margin, int hop) {
        static Plan of(OrtSession decoder) throws OrtException {
            Map<String, String> meta = decoder.getMetadata().getCustomMetadata();
            return new Plan(Integer.parseInt(meta.get("luna_chunk_frames")),
                    Integer.parseInt(meta.get("luna_margin_frames")), Integer.parseInt(meta.get("luna_hop")));
        }
    }

    @Test
    void plainChunksEqualTheWholeGraph() throws Exception {
        assertChunksEqualWhole("", "", TOLERANCE);
    }

    @Test
    void cudaVariantChunksEqualTheWholeGraph() throws Exception {
        assertChunksEqualWhole(".cuda", ".cuda", TOLERANCE);
    }

    /**
     * model.decoder.fp16.onnx computes in float16: its chunks stay within half precision's rounding of the whole
     * float32 graph (the tiny voice's samples reach about 1; float16 keeps 11 significant bits). On the CPU ONNX
     * Runtime casts around the half convolutions, so this checks the converted graph, not tensor-core arithmetic:
     * the H200 figure is in the README.
     */
    @Test
    void fp16DecoderChunksStayWithinHalfPrecisionOfTheWholeGraph() throws Exception {
        assertChunksEqualWhole("", ".fp16", 5e-3);
    }

    private static void assertChunksEqualWhole(String latentVariant, String decoderVariant, double tolerance)
            throws Exception {
        try (OrtSession latent = env.createSession(DIR + "model.latent" + latentVariant + ".onnx", new OrtSession.SessionOptions());
             OrtSession decoder = env.createSession(DIR + "model.decoder" + decoderVariant + ".onnx", new OrtSession.SessionOptions())) {
            Plan plan = Plan.of(decoder);
            if (TINY) {
                assertEquals(new Plan(80, 10, 512), plan, "tiny voice: margin = receptive field 9.28 frames rounded up");
            }
            assertEquals(plan, Plan.of(latent));
            Random rnd = new Random(12);
            // the random voices give 3 frames per phone: 5 phones = 15 frames (under one chunk), `chunk` phones =
            // exactly 3 chunks, 61 = 183 frames, 27 = 81 frames (tiny: one chunk and one frame)
            boolean exactMultiple = false;
            for (int t : new int[] {5, plan.chunk(), 61, 27}) {
                Piece piece = Piece.random(rnd, t, t % 2);
                Map<String, OnnxTensor> feeds = GeneratorFeeds.of(env, List.of(piece), 1.0f, 0.0f);
                try (OrtSession.Result w = whole.run(feeds); OrtSession.Result l = latent.run(feeds)) {
                    float[] want = floats(w, "output");
                    long[] zShape = shape(l, "z");
                    int frames = (int) longs(l, "frame_lengths")[0];
                    assertEquals(longs(w, "output_lengths")[0], (long) frames * plan.hop(), "frame_lengths * hop");
                    assertEquals(frames, zShape[2]);
                    float[] got = decodeInChunks(decoder, plan, floats(l, "z"), (int) zShape[1], frames, piece.sid());
                    double d = maxAbsDiff(got, 0, want, 0, want.length);
                    double atBoundaries = 0;
                    for (int b = plan.chunk(); b < frames; b += plan.chunk()) {
                        int from = (b - 1) * plan.hop();
                        atBoundaries = Math.max(atBoundaries, maxAbsDiff(got, from, want, from, 2 * plan.hop()));
                    }
                    System.out.printf("chunked%s %d phones, %d frames (%d chunks): max |d| vs model.onnx = %.3e, "
                            + "at chunk boundaries %.3e%n", decoderVariant, t, frames, (frames + plan.chunk() - 1) / plan.chunk(), d, atBoundaries);
                    assertTrue(d <= tolerance, decoderVariant + " " + t + " phones: max |d| " + d);
                    exactMultiple |= frames % plan.chunk() == 0;
                } finally {
                    GeneratorFeeds.close(feeds);
                }
            }
            assertTrue(exactMultiple, "one piece must be an exact number of chunks");
        }
    }

    /** Chunk after chunk as the engine would: frames [c*chunk - margin, (c+1)*chunk + margin) of z, mask 0 outside the piece. */
    private static float[] decodeInChunks(OrtSession decoder, Plan plan, float[] z, int channels, int frames, long sid)
            throws OrtException {
        float[] audio = new float[frames * plan.hop()];
        for (int start = 0; start < frames; start += plan.chunk()) {
            float[] centre = decode(decoder, plan, new float[][] {z}, channels, new int[] {frames}, start, new long[] {sid})[0];
            assertEquals(plan.chunk() * plan.hop(), centre.length, "the decoder returns the centre frames' samples");
            System.arraycopy(centre, 0, audio, start * plan.hop(), Math.min(centre.length, audio.length - start * plan.hop()));
        }
        return audio;
    }

    /** One decoder run over a batch of pieces, each at the same chunk start; returns each item's centre audio. */
    private static float[][] decode(OrtSession decoder, Plan plan, float[][] zs, int channels, int[] frames, int start,
                                    long[] sids) throws OrtException {
        int b = zs.length;
        int width = plan.chunk() + 2 * plan.margin();
        int lo = start - plan.margin();
        float[] zc = new float[b * channels * width];
        float[] mask = new float[b * width];
        for (int i = 0; i < b; i++) {
            int from = Math.max(lo, 0);
            int to = Math.min(lo + width, frames[i]);
            for (int c = 0; c < channels; c++) {
                if (to > from) {
                    System.arraycopy(zs[i], c * frames[i] + from, zc, (i * channels + c) * width + from - lo, to - from);
                }
            }
            for (int f = from; f < to; f++) {
                mask[i * width + f - lo] = 1f;
            }
        }
        try (OnnxTensor zt = OnnxTensor.createTensor(env, FloatBuffer.wrap(zc), new long[] {b, channels, width});
             OnnxTensor mt = OnnxTensor.createTensor(env, FloatBuffer.wrap(mask), new long[] {b, 1, width});
             OnnxTensor st = OnnxTensor.createTensor(env, LongBuffer.wrap(sids), new long[] {b});
             OrtSession.Result r = decoder.run(Map.of("z", zt, "mask", mt, "sid", st))) {
            long[] s = shape(r, "audio");
            assertArrayEquals(new long[] {b, 1, (long) plan.chunk() * plan.hop()}, s);
            float[] all = floats(r, "audio");
            float[][] out = new float[b][];
            int n = plan.chunk() * plan.hop();
            for (int i = 0; i < b; i++) {
                out[i] = java.util.Arrays.copyOfRange(all, i * n, (i + 1) * n);
            }
            return out;
        }
    }

    /** Chunks of different pieces (speakers, positions past their end) decode together as one batch. */
    @Test
    void chunksOfDifferentPiecesDecodeAsOneBatch() throws Exception {
        try (OrtSession latent = env.createSession(DIR + "model.latent.onnx", new OrtSession.SessionOptions());
             OrtSession decoder = env.createSession(DIR + "model.decoder.onnx", new OrtSession.SessionOptions())) {
            Plan plan = Plan.of(decoder);
            Random rnd = new Random(13);
            List<Piece> pieces = List.of(Piece.random(rnd, 40, 0), Piece.random(rnd, 9, 1));
            float[][] zs = new float[2][];
            int[] frames = new int[2];
            int channels = 0;
            for (int i = 0; i < 2; i++) {
                Map<String, OnnxTensor> feeds = GeneratorFeeds.of(env, List.of(pieces.get(i)), 1.0f, 0.0f);
                try (OrtSession.Result l = latent.run(feeds)) {
                    zs[i] = floats(l, "z");
                    frames[i] = (int) longs(l, "frame_lengths")[0];
                    channels = (int) shape(l, "z")[1];
                } finally {
                    GeneratorFeeds.close(feeds);
                }
            }
            long[] sids = {0, 1};
            float[][] together = decode(decoder, plan, zs, channels, frames, plan.chunk(), sids);
            for (int i = 0; i < 2; i++) {
                float[] alone = decode(decoder, plan, new float[][] {zs[i]}, channels, new int[] {frames[i]}, plan.chunk(),
                        new long[] {sids[i]})[0];
                double d = maxAbsDiff(together[i], 0, alone, 0, alone.length);
                assertTrue(d <= TOLERANCE, "item " + i + ": max |d| " + d);
            }
            // the second piece (27 frames) has nothing in its second chunk: silence, not padding noise
            for (float v : together[1]) {
                assertTrue(v == 0f, "sample " + v);
            }
        }
    }
}
