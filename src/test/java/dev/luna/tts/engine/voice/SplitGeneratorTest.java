package dev.luna.tts.engine.voice;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decoder side of the shipped tiny voice's split graphs: chunk plans and fixed-shape (padded) decoder runs. */
class SplitGeneratorTest {

    static OrtEnvironment env;
    static OrtSession latent;
    static OrtSession decoder;
    static int channels;

    @BeforeAll
    static void open() throws Exception {
        env = OrtEnvironment.getEnvironment();
        latent = env.createSession("models/voices/tiny/model.latent.onnx", new OrtSession.SessionOptions());
        decoder = env.createSession("models/voices/tiny/model.decoder.onnx", new OrtSession.SessionOptions());
        channels = (int) ((TensorInfo) decoder.getInputInfo().get("z").getInfo()).getShape()[1];
    }

    @AfterAll
    static void close() throws Exception {
        latent.close();
        decoder.close();
    }

    static SplitGenerator.Latent randomLatent(Random r, int frames, long sid) {
        float[] z = new float[channels * frames];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) r.nextGaussian();
        }
        return new SplitGenerator.Latent(z, channels, frames, sid);
    }

    @Test
    void chunkPlansCoverThePieceWithGrowingChunks() throws Exception {
        SplitGenerator g = new SplitGenerator(env, latent, decoder, null, 256);
        int n = g.chunkFrames();
        SplitGenerator.Latent l = randomLatent(new Random(1), 3 * n + 5, 0);
        List<SplitGenerator.Chunk> whole = g.chunks(l, 0);
        assertEquals(4, whole.size());
        whole.forEach(c -> assertEquals(n, c.frames()));
        List<SplitGenerator.Chunk> growing = g.chunks(l, 5);
        List<Integer> sizes = growing.stream().map(SplitGenerator.Chunk::frames).toList();
        List<Integer> expected = new ArrayList<>();
        int start = 0;
        for (int size = 5; start < l.frames(); start += size, size = Math.min(n, 2 * size)) {
            expected.add(size);
        }
        assertEquals(expected, sizes);
        for (int i = 1; i < growing.size(); i++) {
            SplitGenerator.Chunk prev = growing.get(i - 1);
            assertEquals(prev.start() + prev.frames(), growing.get(i).start(), "chunks are contiguous");
        }
        assertEquals(List.of(n), g.chunks(randomLatent(new Random(2), 1, 0), 0).stream()
                .map(SplitGenerator.Chunk::frames).toList(), "a one-frame piece is one chunk");
    }

    @Test
    void aPiecesFirstChunkIsDecodedFromItsEdgeWithoutALeftMargin() throws Exception {
        SplitGenerator plain = new SplitGenerator(env, latent, decoder, null, 256);
        SplitGenerator padded = new SplitGenerator(env, latent, decoder, null, 256, 4);
        int n = plain.chunkFrames();
        int m = plain.marginFrames();
        SplitGenerator.Latent l = randomLatent(new Random(5), 2 * n + 9, 0);
        for (int first : new int[] {5, n}) {
            List<SplitGenerator.Chunk> plan = plain.chunks(l, first);
            SplitGenerator.Chunk head = plan.get(0);
            assertTrue(plain.fromEdge(head));
            assertEquals(first + m, plain.window(head), "no left margin");
            assertFalse(plain.fromEdge(plan.get(1)));
            assertEquals(plan.get(1).frames() + 2 * m, plain.window(plan.get(1)));
            assertFalse(padded.fromEdge(head), "a fixed batch keeps one shape: margins on every chunk");
            float[] fromEdge = plain.decode(List.of(head)).get(0);
            float[] withMargin = padded.decode(List.of(head)).get(0);
            assertEquals(first * plain.hop(), fromEdge.length);
            assertArrayEquals(withMargin, fromEdge, 1e-4f, "first chunk of " + first + " frames");
        }
        // a first chunk and a later one of the same size: two windows, decoded apart, returned in order
        List<SplitGenerator.Chunk> two = plain.chunks(l, n).subList(0, 2);
        List<float[]> mixed = plain.decode(two);
        List<float[]> margins = padded.decode(two);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(margins.get(i), mixed.get(i), 1e-4f, "chunk " + i);
        }
    }

    @Test
    void primingRunsThePaddedShapeAndChangesNoSamples() throws Exception {
        SplitGenerator.prime(env, decoder, null, 0);   // no fixed batch: nothing to prepare
        SplitGenerator.prime(env, decoder, null, 4);
        SplitGenerator plain = new SplitGenerator(env, latent, decoder, null, 256);
        SplitGenerator padded = new SplitGenerator(env, latent, decoder, null, 256, 4);
        SplitGenerator.Latent l = randomLatent(new Random(3), plain.chunkFrames() + 7, 1);
        List<SplitGenerator.Chunk> chunks = plain.chunks(l, 0);
        List<float[]> want = plain.decode(chunks);
        List<float[]> got = padded.decode(chunks);
        for (int i = 0; i < chunks.size(); i++) {
            assertArrayEquals(want.get(i), got.get(i), 1e-5f, "chunk " + i);
        }
    }

    @Test
    void paddedDecoderRunsGiveTheSameSamples() throws Exception {
        SplitGenerator plain = new SplitGenerator(env, latent, decoder, null, 256);
        SplitGenerator padded = new SplitGenerator(env, latent, decoder, null, 256, 4);
        Random r = new Random(7);
        int n = plain.chunkFrames();
        // six chunks of three pieces (two speakers, one piece shorter than a chunk): padded runs of 4 + 4
        List<SplitGenerator.Chunk> chunks = new ArrayList<>();
        for (int[] piece : new int[][] {{2 * n + 3, 0}, {n / 2, 1}, {3 * n, 1}}) {
            chunks.addAll(plain.chunks(randomLatent(r, piece[0], piece[1]), 0));
        }
        assertEquals(7, chunks.size());
        List<float[]> a = plain.decode(chunks);
        List<float[]> b = padded.decode(chunks);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            float[] x = a.get(i);
            float[] y = b.get(i);
            assertEquals(x.length, y.length, "chunk " + i);
            for (int k = 0; k < x.length; k++) {
                assertEquals(x[k], y[k], 1e-5f, "chunk " + i + " sample " + k);
            }
        }
        assertArrayEquals(plain.decode(chunks.subList(1, 2)).get(0), a.get(1), 1e-5f, "alone equals in a batch");
        assertEquals(4, padded.fixedBatch());
    }

    @Test
    void oneRunTakesChunksOfOneSize() throws Exception {
        SplitGenerator g = new SplitGenerator(env, latent, decoder, null, 256);
        SplitGenerator.Latent l = randomLatent(new Random(3), 40, 0);
        List<SplitGenerator.Chunk> mixed = List.of(new SplitGenerator.Chunk(l, 4, 4), new SplitGenerator.Chunk(l, 8, 8));
        assertThrows(IllegalArgumentException.class, () -> g.decode(mixed));
    }
}
