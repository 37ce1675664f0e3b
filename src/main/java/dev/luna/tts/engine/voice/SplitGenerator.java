package dev.luna.tts.engine.voice;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * A voice's generator split for sub-sentence streaming (onnx-export's {@code model.latent.onnx} and
 * {@code model.decoder.onnx}): the latent graph turns a batch of pieces into their frames (text encoder, duration
 * predictors, flow; the noise is drawn there, once per piece), and the decoder turns fixed-size chunks of frames
 * plus {@code margin} frames on each side into the chunk's audio. The margin covers the decoder's receptive field,
 * so the chunks of a piece, concatenated, equal the whole graph's output. Chunks of one size, of any requests of the
 * voice, share decoder runs. Thread-safe.
 */
public final class SplitGenerator implements AutoCloseable {

    static final String AUDIO_OUTPUT = "audio";
    static final String WINDOW_OUTPUT = "audio_window";

    /** One piece's frames: {@code z} is [channels][frames] row-major. */
    public record Latent(float[] z, int channels, int frames, long speakerId) {
    }

    /** Frames [start, start + frames) of a piece, decoded with a margin on each side (see {@link #window}). */
    public record Chunk(Latent latent, int start, int frames) {
    }

    /**
     * A session of {@code model.latent.fixed.onnx} created with every dimension fixed ({@link #dimensions}): runs of
     * up to {@code batch} pieces of up to {@code tokens} phones, their frames computed in {@code frames} columns.
     * With no shape computed from data, ONNX Runtime folds every shape computation at creation (the dynamic latent
     * graph computes them on the host during each run), and a CUDA graph of the run could be replayed.
     */
    public record FixedLatent(OrtSession session, int batch, int tokens, int frames) {
        /** ONNX Runtime free-dimension overrides that give a session of the fixed latent graph this shape. */
        public static Map<String, Long> dimensions(int batch, int tokens, int frames) {
            return Map.of("batch_size", (long) batch, "x_tst_max_length", (long) tokens, "frames", (long) frames);
        }
    }

    /**
     * Frames per token a fixed shape is chosen for, times length_scale. An estimate, not a measurement: at 86 frames a
     * second (44.1 kHz, hop 512) and a speaking rate of about 12 phones a second, a token (a phone or a blank between
     * phones) gets about 3.6 frames; the bench voice gets about 3. A piece that needs more frames than its shape has
     * runs again in a shape that has them, with the same duration noise, so its durations do not change.
     */
    static final double FRAMES_PER_TOKEN = 4.0;

    /**
     * The noise's generator, one per run: xoroshiro128++'s Gaussians (a ziggurat) cost about a sixth of
     * ThreadLocalRandom's, and a full-size piece of 512 frames takes 98,304 of them.
     */
    private static final RandomGeneratorFactory<RandomGenerator> NOISE = RandomGeneratorFactory.of("Xoroshiro128PlusPlus");

    private final OrtEnvironment env;
    private final OrtSession latent;
    private final OrtSession decoder;
    private final OrtSession.RunOptions runOptions;
    private final int styleDim;
    private final int chunkFrames;
    private final int marginFrames;
    private final int hop;
    private final int fixedBatch;
    /** Sessions of the fixed-shape latent graph, smallest first (empty: every latent run is dynamic). */
    private final List<FixedLatent> fixedLatents;
    /** Channels of the fixed-shape sessions' noise_z (0 without them). */
    private final int channels;
    private final double framesPerToken;
    /** The decoder also returns its whole window's audio ({@value #WINDOW_OUTPUT}; older exports do not): {@link #fromEdge}. */
    private final boolean windowOutput;

    public SplitGenerator(OrtEnvironment env, OrtSession latent, OrtSession decoder, OrtSession.RunOptions runOptions,
                          int styleDim) throws OrtException {
        this(env, latent, decoder, runOptions, styleDim, 0);
    }

    /**
     * @param fixedBatch 0, or the one batch size every decoder run is padded to (runs of more chunks are split):
     *                   a convolution whose input shape never changes keeps its cuDNN plan
     */
    public SplitGenerator(OrtEnvironment env, OrtSession latent, OrtSession decoder, OrtSession.RunOptions runOptions,
                          int styleDim, int fixedBatch) throws OrtException {
        this(env, latent, decoder, runOptions, styleDim, fixedBatch, List.of());
    }

    /**
     * @param fixedLatents sessions of the fixed-shape latent graph (closed with this generator): pieces that fit one
     *                     run there, the others in {@code latent}
     */
    public SplitGenerator(OrtEnvironment env, OrtSession latent, OrtSession decoder, OrtSession.RunOptions runOptions,
                          int styleDim, int fixedBatch, List<FixedLatent> fixedLatents) throws OrtException {
        this(env, latent, decoder, runOptions, styleDim, fixedBatch, fixedLatents, FRAMES_PER_TOKEN);
    }

    /** @param framesPerToken frames per token a shape is chosen for (see {@link #FRAMES_PER_TOKEN}) */
    SplitGenerator(OrtEnvironment env, OrtSession latent, OrtSession decoder, OrtSession.RunOptions runOptions,
                   int styleDim, int fixedBatch, List<FixedLatent> fixedLatents, double framesPerToken)
            throws OrtException {
        this.framesPerToken = framesPerToken;
        this.fixedBatch = Math.max(0, fixedBatch);
        this.fixedLatents = fixedLatents.stream()
                .sorted(Comparator.comparingInt(FixedLatent::tokens).thenComparingInt(FixedLatent::frames)).toList();
        this.channels = fixedLatents.isEmpty() ? 0 : noiseChannels(fixedLatents.get(0).session());
        this.env = env;
        this.latent = latent;
        this.decoder = decoder;
        this.runOptions = runOptions;
        this.styleDim = styleDim;
        Map<String, String> meta = decoder.getMetadata().getCustomMetadata();
        this.chunkFrames = positive(meta, "luna_chunk_frames");
        this.marginFrames = positive(meta, "luna_margin_frames");
        this.hop = positive(meta, "luna_hop");
        this.windowOutput = decoder.getOutputNames().contains(WINDOW_OUTPUT);
        if (!latent.getOutputNames().containsAll(List.of("z", "frame_lengths"))
                || !decoder.getInputNames().containsAll(List.of("z", "mask", "sid"))) {
            throw new IllegalArgumentException("not a luna split generator: latent outputs " + latent.getOutputNames()
                    + ", decoder inputs " + decoder.getInputNames());
        }
    }

    private static int positive(Map<String, String> meta, String key) {
        try {
            int v = Integer.parseInt(meta.getOrDefault(key, ""));
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("decoder graph metadata " + key + " is missing or not a positive number");
    }

    public int styleDimension() {
        return styleDim;
    }

    public int chunkFrames() {
        return chunkFrames;
    }

    public int marginFrames() {
        return marginFrames;
    }

    public int hop() {
        return hop;
    }

    /** The fixed-shape latent sessions, smallest first. */
    public List<FixedLatent> fixedLatents() {
        return fixedLatents;
    }

    /** The batch size every decoder run is padded to, or 0. */
    public int fixedBatch() {
        return fixedBatch;
    }

    /**
     * Whether chunk {@code c} is decoded from its piece's frame 0 with no left margin: a piece's first chunk, when the
     * decoder returns its whole window's audio and runs may have any shape (no fixed batch). The frames left of a
     * piece are zeros the decoder masks, exactly the zero padding at a tensor's edge, so the margin there is decoding
     * work without information: the first audio then waits for chunk + M frames instead of chunk + 2M.
     */
    public boolean fromEdge(Chunk c) {
        return windowOutput && fixedBatch == 0 && c.start() == 0;
    }

    /** Frames the decoder reads for chunk {@code c}: its own, a margin after, and one before unless {@link #fromEdge}. */
    public int window(Chunk c) {
        return c.frames() + (fromEdge(c) ? 1 : 2) * marginFrames;
    }

    /**
     * The chunks a piece is decoded in. With {@code first} between 1 and the voice's chunk size, the first chunk has
     * {@code first} frames and each next one twice the previous, up to the chunk size: the first audio then waits for
     * a small decoder run only, and each next chunk is decoded (on a CPU that runs about in real time) before the
     * audio before it has played. With 0 every chunk has the voice's chunk size. Any cut gives the same samples,
     * since the margin covers the decoder's receptive field.
     */
    public List<Chunk> chunks(Latent l, int first) {
        List<Chunk> out = new ArrayList<>();
        int size = first > 0 ? Math.min(first, chunkFrames) : chunkFrames;
        int start = 0;
        do {
            out.add(new Chunk(l, start, size));   // the last one too: one size per run, cut after decoding
            start += size;
            size = Math.min(chunkFrames, size * 2);
        } while (start < l.frames());
        return out;
    }

    /**
     * With a fixed decoder batch: one run of a decoder session on that many all-padding chunks of its voice's chunk
     * size, the only shape its runs have, so each convolution's cuDNN plan is built now (while other sessions are
     * still being created) and not by the first request. Without one, nothing: every run shape is new anyway.
     */
    public static void prime(OrtEnvironment env, OrtSession decoder, OrtSession.RunOptions runOptions, int fixedBatch)
            throws OrtException {
        if (fixedBatch <= 0) {
            return;
        }
        Map<String, String> meta = decoder.getMetadata().getCustomMetadata();
        int chunk = positive(meta, "luna_chunk_frames");
        int margin = positive(meta, "luna_margin_frames");
        int channels = (int) ((TensorInfo) decoder.getInputInfo().get("z").getInfo()).getShape()[1];
        int w = chunk + 2 * margin;   // a chunk that is not a piece's first: see window
        float[] mask = new float[fixedBatch * w];
        for (int i = 0; i < fixedBatch; i++) {
            java.util.Arrays.fill(mask, i * w + margin, i * w + margin + chunk, 1f);
        }
        run(env, decoder, runOptions, new float[fixedBatch * channels * w], mask, new long[fixedBatch], channels, w,
                AUDIO_OUTPUT).close();
    }

    /**
     * The latent frames of a batch of pieces sharing the scalar parameters: in runs of a fixed-shape session where
     * one fits (the smallest whose tokens and frames cover the longest piece), else in one run of the dynamic graph.
     */
    public List<Latent> latent(List<Generator.Item> items, GeneratorScalars p) throws OrtException {
        int longest = items.stream().mapToInt(Generator.Item::phones).max().orElse(0);
        FixedLatent shape = fixedFor(longest, (int) Math.ceil(longest * framesPerToken * p.lengthScale()));
        if (shape == null) {
            return dynamicLatent(items, p);
        }
        Latent[] out = new Latent[items.size()];
        for (int from = 0; from < items.size(); from += shape.batch()) {
            List<Generator.Item> run = items.subList(from, Math.min(items.size(), from + shape.batch()));
            List<FixedResult> got = runFixed(shape, run, null, p);
            for (int k = 0; k < run.size(); k++) {
                FixedResult r = got.get(k);
                // longer than the shape's frames: its frame count is known now, and the same duration noise gives
                // it again in a shape that has them (a duration rounded the other way in the other padding would
                // still not fit: then, as without such a shape, the dynamic graph)
                FixedLatent larger = r.latent() == null ? fixedFor(run.get(k).phones(), r.frames()) : null;
                Latent l = r.latent() != null ? r.latent()
                        : larger != null ? runFixed(larger, List.of(run.get(k)), r.noiseW(), p).get(0).latent() : null;
                out[from + k] = l != null ? l : dynamicLatent(List.of(run.get(k)), p).get(0);
            }
        }
        return List.of(out);
    }

    /** The smallest fixed shape whose tokens and frames cover these, or null. */
    private FixedLatent fixedFor(int tokens, int frames) {
        for (FixedLatent f : fixedLatents) {
            if (f.tokens() >= tokens && f.frames() >= frames) {
                return f;
            }
        }
        return null;
    }

    /**
     * An item of a fixed-shape run: its frames, or null when it needs more than the shape's; its full frame count;
     * the duration noise it ran with [2][phones].
     */
    private record FixedResult(Latent latent, int frames, float[] noiseW) {
    }

    /**
     * One run of a fixed-shape session. {@code noiseW}: the one item's duration noise (a rerun), or null to draw each
     * item's. Standard normal noise, drawn only where its scale is not zero (SBV2's randn_like times noise_scale_w
     * and noise_scale).
     */
    private List<FixedResult> runFixed(FixedLatent shape, List<Generator.Item> items, float[] noiseW,
                                       GeneratorScalars p) throws OrtException {
        int t = shape.tokens();
        int cf = channels * shape.frames();
        RandomGenerator random = NOISE.create(ThreadLocalRandom.current().nextLong());
        boolean drawW = noiseW == null && p.noiseScaleW() != 0 && p.sdpRatio() != 0;
        float[] nw = new float[shape.batch() * 2 * t];
        float[] nz = new float[shape.batch() * cf];
        List<float[]> used = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            int n = items.get(i).phones();
            float[] w = noiseW != null ? noiseW : new float[2 * n];
            for (int k = 0; drawW && k < w.length; k++) {
                w[k] = (float) random.nextGaussian();
            }
            used.add(w);
            System.arraycopy(w, 0, nw, (i * 2) * t, n);
            System.arraycopy(w, n, nw, (i * 2 + 1) * t, n);
            for (int k = i * cf; p.noiseScale() != 0 && k < (i + 1) * cf; k++) {
                nz[k] = (float) random.nextGaussian();
            }
        }
        try (OrtSession.Result r = runShape(env, shape, items, styleDim, p, nw, nz, channels, runOptions)) {
            int[] frames = new int[items.size()];
            List<Latent> latents = frames(r, items, frames, true);
            List<FixedResult> out = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                out.add(new FixedResult(latents.get(i), frames[i], used.get(i)));
            }
            return out;
        }
    }

    /** A fixed-shape session's run on these items, padded to its shape, with this noise ([b][2][t], [b][c][f]). */
    private static OrtSession.Result runShape(OrtEnvironment env, FixedLatent shape, List<Generator.Item> items,
                                              int styleDim, GeneratorScalars p, float[] noiseW, float[] noiseZ,
                                              int channels, OrtSession.RunOptions runOptions) throws OrtException {
        int b = shape.batch();
        Map<String, OnnxTensor> feeds = Generator.feeds(env, items, styleDim, p, b, shape.tokens());
        try {
            feeds.put("noise_w", OnnxTensor.createTensor(env, FloatBuffer.wrap(noiseW), new long[]{b, 2, shape.tokens()}));
            feeds.put("noise_z", OnnxTensor.createTensor(env, FloatBuffer.wrap(noiseZ),
                    new long[]{b, channels, shape.frames()}));
            return shape.session().run(feeds, Set.of("z", "frame_lengths"), runOptions);
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    private List<Latent> dynamicLatent(List<Generator.Item> items, GeneratorScalars p) throws OrtException {
        Map<String, OnnxTensor> feeds = Generator.feeds(env, items, styleDim, p);
        try (OrtSession.Result r = latent.run(feeds, Set.of("z", "frame_lengths"), runOptions)) {
            return frames(r, items, new int[items.size()], false);
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    /**
     * Each item's frames from a latent run's z [b, c, f], and its frame count in {@code framesOut}; with {@code cut},
     * null for an item longer than f.
     */
    private static List<Latent> frames(OrtSession.Result r, List<Generator.Item> items, int[] framesOut, boolean cut)
            throws OrtException {
        OnnxTensor z = (OnnxTensor) r.get("z").orElseThrow();
        long[] shape = z.getInfo().getShape();
        int c = (int) shape[1];
        int f = (int) shape[2];
        long[] lengths = new long[(int) shape[0]];
        ((OnnxTensor) r.get("frame_lengths").orElseThrow()).getLongBuffer().get(lengths);
        FloatBuffer fb = z.getFloatBuffer();
        List<Latent> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            framesOut[i] = (int) Math.max(1, lengths[i]);
            if (cut && lengths[i] > f) {
                out.add(null);
                continue;
            }
            int n = (int) Math.max(1, Math.min(lengths[i], f));
            float[] zi = new float[c * n];
            for (int ch = 0; ch < c; ch++) {
                fb.get((i * c + ch) * f, zi, ch * n, n);
            }
            out.add(new Latent(zi, c, n, items.get(i).speakerId()));
        }
        return out;
    }

    /**
     * One run of a fixed-shape session on padding only, so that its convolutions' cuDNN plans are built at load and
     * not by the first request (its one shape keeps them).
     */
    public static void prime(OrtEnvironment env, FixedLatent shape, int styleDim, OrtSession.RunOptions runOptions)
            throws OrtException {
        int c = noiseChannels(shape.session());
        runShape(env, shape, List.of(), styleDim, new GeneratorScalars(0f, 0f, 0f, 1f),
                new float[shape.batch() * 2 * shape.tokens()], new float[shape.batch() * c * shape.frames()], c,
                runOptions).close();
    }

    /** Channels of the fixed latent graph's noise_z (the flow's channels). */
    private static int noiseChannels(OrtSession fixedLatent) throws OrtException {
        return (int) ((TensorInfo) fixedLatent.getInputInfo().get("noise_z").getInfo()).getShape()[1];
    }

    /**
     * Audio of a batch of chunks of one size (any pieces of this voice): chunk i's samples
     * [start·hop, (start + frames)·hop) of its piece. One run, or one per fixed batch, and pieces' first chunks
     * decoded {@link #fromEdge} in a run of their own.
     */
    public List<float[]> decode(List<Chunk> chunks) throws OrtException {
        if (fixedBatch > 0 && chunks.size() > fixedBatch) {
            List<float[]> out = new ArrayList<>(chunks.size());
            for (int i = 0; i < chunks.size(); i += fixedBatch) {
                out.addAll(decode(chunks.subList(i, Math.min(chunks.size(), i + fixedBatch))));
            }
            return out;
        }
        // pieces' first chunks read one margin less than the others: their window differs, so they get a run
        List<Integer> edge = new ArrayList<>();
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            (fromEdge(chunks.get(i)) ? edge : rest).add(i);
        }
        if (!edge.isEmpty() && !rest.isEmpty()) {
            float[][] out = new float[chunks.size()][];
            for (List<Integer> part : List.of(edge, rest)) {
                List<float[]> audio = decode(part.stream().map(chunks::get).toList());
                for (int k = 0; k < part.size(); k++) {
                    out[part.get(k)] = audio.get(k);
                }
            }
            return List.of(out);
        }
        // padding rows: zero frames, mask 0, speaker 0; their audio is dropped
        int b = Math.max(chunks.size(), fixedBatch);
        int size = chunks.get(0).frames();
        boolean edgeRun = rest.isEmpty();
        int w = window(chunks.get(0));
        int c = chunks.get(0).latent().channels();
        float[] z = new float[b * c * w];
        float[] mask = new float[b * w];
        long[] sids = new long[b];
        for (int i = 0; i < chunks.size(); i++) {
            Chunk ch = chunks.get(i);
            if (ch.frames() != size) {
                throw new IllegalArgumentException("chunks of one decoder run must have one size");
            }
            Latent l = ch.latent();
            sids[i] = l.speakerId();
            int first = ch.start() - (edgeRun ? 0 : marginFrames);   // frame of window column 0
            int from = Math.max(0, first);
            int to = Math.min(l.frames(), first + w);
            for (int t = from; t < to; t++) {
                mask[i * w + (t - first)] = 1f;
            }
            for (int k = 0; k < c; k++) {
                if (to > from) {
                    System.arraycopy(l.z(), k * l.frames() + from, z, (i * c + k) * w + (from - first), to - from);
                }
            }
        }
        String output = edgeRun ? WINDOW_OUTPUT : AUDIO_OUTPUT;   // both start at the chunk's first frame
        try (OrtSession.Result r = run(env, decoder, runOptions, z, mask, sids, c, w, output)) {
            OnnxTensor audio = (OnnxTensor) r.get(output).orElseThrow();
            long[] shape = audio.getInfo().getShape();
            int samples = (int) shape[shape.length - 1];
            FloatBuffer fb = audio.getFloatBuffer();
            List<float[]> out = new ArrayList<>(chunks.size());
            for (int i = 0; i < chunks.size(); i++) {
                Chunk ch = chunks.get(i);
                int frames = Math.min(size, ch.latent().frames() - ch.start());
                int n = Math.max(0, Math.min(samples, frames * hop));
                float[] a = new float[n];
                fb.get(i * samples, a, 0, n);
                out.add(a);
            }
            return out;
        }
    }

    /** One decoder run on {@code sids.length} windows of {@code w} frames: z [b, c, w], mask [b, 1, w]. */
    private static OrtSession.Result run(OrtEnvironment env, OrtSession decoder, OrtSession.RunOptions runOptions,
                                         float[] z, float[] mask, long[] sids, int c, int w, String output)
            throws OrtException {
        int b = sids.length;
        try (OnnxTensor zt = OnnxTensor.createTensor(env, FloatBuffer.wrap(z), new long[]{b, c, w});
             OnnxTensor mt = OnnxTensor.createTensor(env, FloatBuffer.wrap(mask), new long[]{b, 1, w});
             OnnxTensor st = OnnxTensor.createTensor(env, LongBuffer.wrap(sids), new long[]{b})) {
            return decoder.run(Map.of("z", zt, "mask", mt, "sid", st), Set.of(output), runOptions);
        }
    }

    @Override
    public void close() throws OrtException {
        try {
            latent.close();
        } finally {
            try {
                decoder.close();
            } finally {
                for (FixedLatent f : fixedLatents) {
                    f.session().close();
                }
            }
        }
    }
}
