package dev.luna.tts.engine.voice;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.luna.tts.text.ModelInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped tiny voice's model.latent.fixed.onnx in sessions of fixed shapes: a piece's frames equal those of the
 * dynamic latent graph at zero noise, whatever shape, batch padding or rerun gave them.
 */
class FixedLatentTest {

    static final GeneratorScalars ZERO = new GeneratorScalars(0.3f, 0f, 0f, 1f);
    static OrtEnvironment env;
    static OrtSession latent;
    static OrtSession decoder;
    static final List<OrtSession> opened = new ArrayList<>();

    @BeforeAll
    static void open() throws Exception {
        env = OrtEnvironment.getEnvironment();
        latent = env.createSession("models/voices/tiny/model.latent.onnx", new OrtSession.SessionOptions());
        decoder = env.createSession("models/voices/tiny/model.decoder.onnx", new OrtSession.SessionOptions());
    }

    @AfterAll
    static void close() throws Exception {
        for (OrtSession s : opened) {
            s.close();
        }
        latent.close();
        decoder.close();
    }

    /** A session of the fixed graph with its dimensions fixed, as VoiceLoader makes it on CUDA. */
    static SplitGenerator.FixedLatent shape(int batch, int tokens, int frames) throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        for (Map.Entry<String, Long> d : SplitGenerator.FixedLatent.dimensions(batch, tokens, frames).entrySet()) {
            o.setSymbolicDimensionValue(d.getKey(), d.getValue());
        }
        OrtSession s = env.createSession("models/voices/tiny/model.latent.fixed.onnx", o);
        opened.add(s);
        return new SplitGenerator.FixedLatent(s, batch, tokens, frames);
    }

    static Generator.Item item(Random r, int phones, long sid) {
        long[] ids = new long[phones];
        long[] tones = new long[phones];
        long[] langs = new long[phones];
        for (int i = 0; i < phones; i++) {
            ids[i] = 1 + r.nextInt(100);
            tones[i] = 6 + r.nextInt(2);
            langs[i] = 1;
        }
        float[] bert = new float[Generator.BERT_DIM * phones];
        for (int i = 0; i < bert.length; i++) {
            bert[i] = (float) r.nextGaussian();
        }
        float[] style = new float[256];
        for (int i = 0; i < style.length; i++) {
            style[i] = (float) (0.1 * r.nextGaussian());
        }
        int[] word2ph = new int[phones];
        Arrays.fill(word2ph, 1);
        return new Generator.Item(new ModelInput(ids, tones, langs, word2ph), bert, style, sid);
    }

    static List<Generator.Item> items(int... phones) {
        Random r = new Random(phones.length * 31L + phones[0]);
        List<Generator.Item> out = new ArrayList<>();
        for (int i = 0; i < phones.length; i++) {
            out.add(item(r, phones[i], i % 2));
        }
        return out;
    }

    static void assertSameFrames(List<SplitGenerator.Latent> want, List<SplitGenerator.Latent> got) {
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            SplitGenerator.Latent w = want.get(i);
            SplitGenerator.Latent g = got.get(i);
            assertEquals(w.frames(), g.frames(), "item " + i + ": frames");
            assertEquals(w.speakerId(), g.speakerId());
            double d = 0;
            for (int k = 0; k < w.z().length; k++) {
                d = Math.max(d, Math.abs(w.z()[k] - g.z()[k]));
            }
            assertTrue(d <= 1e-4, "item " + i + ": max |d| " + d);
        }
    }

    @Test
    void piecesInFixedShapesEqualTheDynamicGraphAtZeroNoise() throws Exception {
        SplitGenerator dynamic = new SplitGenerator(env, latent, decoder, null, 256);
        // five pieces in runs of two (the last padded with a row of nothing), tokens padded to 48; primed first, as
        // VoiceLoader does, on padding only
        SplitGenerator.FixedLatent shape = shape(2, 48, 240);
        SplitGenerator.prime(env, shape, 256, null);
        SplitGenerator fixed = new SplitGenerator(env, latent, decoder, null, 256, 0, List.of(shape));
        List<Generator.Item> batch = items(31, 7, 44, 20, 12);
        List<SplitGenerator.Latent> want = new ArrayList<>();
        for (Generator.Item it : batch) {
            want.addAll(dynamic.latent(List.of(it), ZERO));
        }
        assertSameFrames(want, fixed.latent(batch, ZERO));
        // slower speech: more frames per phone than the shape was chosen for
        GeneratorScalars slow = new GeneratorScalars(0.3f, 0f, 0f, 1.6f);
        List<Generator.Item> one = items(9);
        assertSameFrames(dynamic.latent(one, slow), fixed.latent(one, slow));
    }

    @Test
    void aPieceLongerThanItsShapesFramesRunsAgainInALargerShapeOrTheDynamicGraph() throws Exception {
        SplitGenerator dynamic = new SplitGenerator(env, latent, decoder, null, 256);
        List<Generator.Item> batch = items(10, 30);
        List<SplitGenerator.Latent> want = dynamic.latent(batch, ZERO);
        assertTrue(want.get(1).frames() > 60, "the tiny voice speaks about 3 frames per phone: " + want.get(1).frames());
        // shapes chosen for 1 frame per phone: 30 phones fit the 32-token, 60-frame shape, but the piece needs more
        // frames and runs again in the larger shape
        SplitGenerator.FixedLatent small = shape(2, 32, 60);
        SplitGenerator.FixedLatent large = shape(1, 64, 400);
        SplitGenerator two = new SplitGenerator(env, latent, decoder, null, 256, 0, List.of(large, small), 1.0);
        assertEquals(List.of(small, large), two.fixedLatents(), "smallest first");
        assertSameFrames(want, two.latent(batch, ZERO));
        // no shape has the frames: the dynamic graph
        SplitGenerator onlySmall = new SplitGenerator(env, latent, decoder, null, 256, 0, List.of(small), 1.0);
        assertSameFrames(want, onlySmall.latent(batch, ZERO));
        // more phones than any shape's tokens: the dynamic graph
        List<Generator.Item> longer = items(70);
        assertSameFrames(dynamic.latent(longer, ZERO), two.latent(longer, ZERO));
    }

    @Test
    void noiseIsDrawnForEachRunWhereItsScaleIsNotZero() throws Exception {
        SplitGenerator fixed = new SplitGenerator(env, latent, decoder, null, 256, 0, List.of(shape(2, 48, 240)));
        GeneratorScalars noisy = new GeneratorScalars(0.5f, 0.6f, 0.8f, 1f);
        List<Generator.Item> one = items(25);
        SplitGenerator.Latent a = fixed.latent(one, noisy).get(0);
        SplitGenerator.Latent b = fixed.latent(one, noisy).get(0);
        assertNotEquals(Arrays.toString(a.z()), Arrays.toString(b.z()), "two runs, two draws");
        SplitGenerator.Latent c = fixed.latent(one, ZERO).get(0);
        assertEquals(Arrays.toString(c.z()), Arrays.toString(fixed.latent(one, ZERO).get(0).z()), "no noise, no draw");
    }
}
