package dev.luna.tts.engine.voice;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.luna.tts.text.ModelInput;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One voice's generator session (SBV2 2.7 convert_onnx contract, JP-Extra). Runs a batch of pieces padded to the
 * longest (x_tst_lengths masks the padding). A graph with the {@value #LENGTHS_OUTPUT} output (onnx-export) says
 * how many samples of {@code output} belong to each item; a graph without it (SBV2-made ONNX, AIVMX) runs one
 * piece at a time. Thread-safe.
 */
public final class Generator implements AutoCloseable {

    public static final int BERT_DIM = 1024;
    public static final String LENGTHS_OUTPUT = "output_lengths";
    static final List<String> INPUTS = List.of("x_tst", "x_tst_lengths", "sid", "tones", "language", "bert",
            "style_vec", "length_scale", "sdp_ratio", "noise_scale", "noise_scale_w");

    /** One piece of a batch: phones, their BERT features [1024, T] row-major, style vector, speaker. */
    public record Item(ModelInput input, float[] bert, float[] style, long speakerId) {
        public int phones() {
            return input.phoneIds().length;
        }
    }

    private final OrtEnvironment env;
    private final OrtSession session;
    private final OrtSession.RunOptions runOptions;
    private final int styleDim;
    private final boolean batched;

    /** @param runOptions options for every run, or null */
    public Generator(OrtEnvironment env, OrtSession session, OrtSession.RunOptions runOptions) throws OrtException {
        this.env = env;
        this.session = session;
        this.runOptions = runOptions;
        Map<String, NodeInfo> in = session.getInputInfo();
        List<String> missing = INPUTS.stream().filter(n -> !in.containsKey(n)).toList();
        if (!missing.isEmpty() || !session.getOutputInfo().containsKey("output")) {
            throw new IllegalArgumentException("not an SBV2 JP-Extra generator: missing inputs " + missing
                    + (session.getOutputInfo().containsKey("output") ? "" : " and output 'output'"));
        }
        styleDim = styleDimension(session);
        batched = session.getOutputInfo().containsKey(LENGTHS_OUTPUT);
    }

    public int styleDimension() {
        return styleDim;
    }

    /** Columns of the {@code style_vec} input (256 when the graph leaves it open). */
    public static int styleDimension(OrtSession session) throws OrtException {
        NodeInfo info = session.getInputInfo().get("style_vec");
        if (info == null) {
            throw new IllegalArgumentException("not an SBV2 JP-Extra graph: no style_vec input");
        }
        long[] shape = ((TensorInfo) info.getInfo()).getShape();
        return shape.length == 2 && shape[1] > 0 ? (int) shape[1] : 256;
    }

    /** Whether items of different lengths can share a run (the graph reports each item's sample count). */
    public boolean batched() {
        return batched;
    }

    /** One piece (SBV2's own call). */
    public float[] synthesize(ModelInput input, float[] bert, float[] style, long speakerId, GeneratorScalars p)
            throws OrtException {
        return synthesize(List.of(new Item(input, bert, style, speakerId)), p).get(0);
    }

    /**
     * A batch of pieces sharing the scalar parameters; returns each item's audio (mono float, [-1, 1]).
     *
     * @throws IllegalArgumentException for more than one item when the graph is not {@link #batched()}
     */
    public List<float[]> synthesize(List<Item> items, GeneratorScalars p) throws OrtException {
        int b = items.size();
        if (b > 1 && !batched) {
            throw new IllegalArgumentException("this generator graph has no " + LENGTHS_OUTPUT + " output: one piece per run");
        }
        Map<String, OnnxTensor> feeds = feeds(env, items, styleDim, p);
        try {
            Set<String> outputs = batched ? Set.of("output", LENGTHS_OUTPUT) : Set.of("output");
            try (OrtSession.Result r = session.run(feeds, outputs, runOptions)) {
                OnnxTensor out = (OnnxTensor) r.get("output").orElseThrow();
                long[] shape = out.getInfo().getShape();
                int samples = (int) shape[shape.length - 1];
                long[] counts = new long[b];
                if (batched) {
                    ((OnnxTensor) r.get(LENGTHS_OUTPUT).orElseThrow()).getLongBuffer().get(counts);
                } else {
                    counts[0] = samples;
                }
                FloatBuffer fb = out.getFloatBuffer();
                List<float[]> audio = new ArrayList<>(b);
                for (int i = 0; i < b; i++) {
                    int n = (int) Math.max(0, Math.min(counts[i], samples));
                    float[] a = new float[n];
                    fb.get(i * samples, a, 0, n);
                    audio.add(a);
                }
                return audio;
            }
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }


    /** The 11 inputs of SBV2's generator contract for a batch padded to its longest item (shared with the split graphs). */
    static Map<String, OnnxTensor> feeds(OrtEnvironment env, List<Item> items, int styleDim, GeneratorScalars p)
            throws OrtException {
        return feeds(env, items, styleDim, p, 0, 0);
    }

    /**
     * The same, padded to at least {@code batch} rows and {@code tokens} columns (a session of one fixed shape):
     * padding rows have length 0, speaker 0 and zero features; their outputs are dropped.
     */
    static Map<String, OnnxTensor> feeds(OrtEnvironment env, List<Item> items, int styleDim, GeneratorScalars p,
                                         int batch, int tokens) throws OrtException {
        int b = Math.max(items.size(), batch);
        int t = tokens;
        for (Item it : items) {
            if (it.bert().length != BERT_DIM * it.phones()) {
                throw new IllegalArgumentException("bert features " + it.bert().length + " != 1024 x " + it.phones());
            }
            t = Math.max(t, it.phones());
        }
        long[] ids = new long[b * t];
        long[] tones = new long[b * t];
        long[] langs = new long[b * t];
        long[] lengths = new long[b];
        long[] sids = new long[b];
        float[] bert = new float[b * BERT_DIM * t];
        float[] styles = new float[b * styleDim];
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            int n = it.phones();
            System.arraycopy(it.input().phoneIds(), 0, ids, i * t, n);
            System.arraycopy(it.input().toneIds(), 0, tones, i * t, n);
            System.arraycopy(it.input().languageIds(), 0, langs, i * t, n);
            lengths[i] = n;
            sids[i] = it.speakerId();
            for (int c = 0; c < BERT_DIM; c++) {
                System.arraycopy(it.bert(), c * n, bert, (i * BERT_DIM + c) * t, n);
            }
            System.arraycopy(it.style(), 0, styles, i * styleDim, styleDim);
        }
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try {
            long[] bt = {b, t};
            feeds.put("x_tst", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), bt));
            feeds.put("x_tst_lengths", OnnxTensor.createTensor(env, LongBuffer.wrap(lengths), new long[]{b}));
            feeds.put("sid", OnnxTensor.createTensor(env, LongBuffer.wrap(sids), new long[]{b}));
            feeds.put("tones", OnnxTensor.createTensor(env, LongBuffer.wrap(tones), bt));
            feeds.put("language", OnnxTensor.createTensor(env, LongBuffer.wrap(langs), bt));
            feeds.put("bert", OnnxTensor.createTensor(env, FloatBuffer.wrap(bert), new long[]{b, BERT_DIM, t}));
            feeds.put("style_vec", OnnxTensor.createTensor(env, FloatBuffer.wrap(styles), new long[]{b, styleDim}));
            feeds.put("length_scale", scalar(env, p.lengthScale()));
            feeds.put("sdp_ratio", scalar(env, p.sdpRatio()));
            feeds.put("noise_scale", scalar(env, p.noiseScale()));
            feeds.put("noise_scale_w", scalar(env, p.noiseScaleW()));
            return feeds;
        } catch (OrtException | RuntimeException e) {
            feeds.values().forEach(OnnxTensor::close);
            throw e;
        }
    }

    private static OnnxTensor scalar(OrtEnvironment env, float v) throws OrtException {
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[]{v}), new long[0]);
    }

    /** ONNX metadata (AIVMX keeps its config and style vectors there). */
    public Map<String, String> customMetadata() throws OrtException {
        return session.getMetadata().getCustomMetadata();
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
