package dev.luna.tts.engine.model;

import dev.luna.tts.engine.voice.SplitGenerator;

import dev.luna.tts.engine.voice.FileKey;
import dev.luna.tts.engine.voice.VoiceConfig;
import dev.luna.tts.engine.voice.VoiceSource;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.luna.tts.engine.onnx.OrtRuntime;
import dev.luna.tts.engine.voice.Generator;
import dev.luna.tts.engine.voice.NpyReader;
import dev.luna.tts.engine.voice.OnnxGraphInfo;
import dev.luna.tts.engine.voice.StyleVectors;
import dev.luna.tts.engine.voice.Voice;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Turns a {@link VoiceSource} into a loaded {@link Voice} (eager: the session is created here). */
public final class VoiceLoader {

    private static final Logger LOG = Logger.getLogger(VoiceLoader.class);

    private final OrtRuntime runtime;
    private final ConfigCache configs;
    private final int cudaDecoderBatch;
    private final DecoderPrecision decoderPrecision;
    private final List<LatentShape> cudaLatentShapes;

    /** One fixed shape of the latent graph: up to {@code batch} pieces of up to {@code tokens} phones, {@code frames}. */
    public record LatentShape(int batch, int tokens, int frames) {
        /**
         * {@code BxTxF} each, e.g. {@code 4x128x512}; {@code none} alone for no shape.
         *
         * @throws IllegalArgumentException naming the entry that is not three positive numbers
         */
        public static List<LatentShape> parse(List<String> specs) {
            if (specs.size() == 1 && specs.get(0).strip().equalsIgnoreCase("none")) {
                return List.of();
            }
            List<LatentShape> out = new ArrayList<>();
            for (String spec : specs) {
                String[] p = spec.strip().split("x");
                try {
                    if (p.length == 3) {
                        LatentShape s = new LatentShape(Integer.parseInt(p[0]), Integer.parseInt(p[1]),
                                Integer.parseInt(p[2]));
                        if (s.batch() > 0 && s.tokens() > 0 && s.frames() > 0) {
                            out.add(s);
                            continue;
                        }
                    }
                } catch (NumberFormatException e) {
                    // below
                }
                throw new IllegalArgumentException("luna.cuda.latent-shapes: '" + spec
                        + "' is not BxTxF (three positive numbers, e.g. 4x128x512) or none");
            }
            return List.copyOf(out);
        }

        @Override
        public String toString() {
            return batch + "x" + tokens + "x" + frames;
        }
    }

    /**
     * The arithmetic of the cuDNN decoder on CUDA: AUTO takes {@code model.decoder.fp16.onnx} when the voice has it
     * (tensor cores; README gives how far the audio moves), FP32 the plain decoder, FP16 the half one or fails the
     * voice. The CPU always runs the plain decoder: it has no half convolutions (ONNX Runtime would cast around them).
     */
    public enum DecoderPrecision { AUTO, FP32, FP16 }

    public VoiceLoader(OrtRuntime runtime, ConfigCache configs) {
        this(runtime, configs, 0, DecoderPrecision.AUTO);
    }

    /**
     * @param cudaDecoderBatch on CUDA, 0: the decoder's CUDA variant (convolutions as MatMuls); N > 0: the plain
     *                         decoder (cuDNN) with every run padded to N chunks, one shape for its cuDNN plans
     * @param decoderPrecision which cuDNN decoder graph CUDA loads (with {@code cudaDecoderBatch} > 0)
     */
    public VoiceLoader(OrtRuntime runtime, ConfigCache configs, int cudaDecoderBatch, DecoderPrecision decoderPrecision) {
        this(runtime, configs, cudaDecoderBatch, decoderPrecision, List.of());
    }

    /**
     * @param cudaLatentShapes on CUDA, for voices with {@code model.latent.fixed.onnx}: one session of it per shape,
     *                         beside the dynamic latent graph (see {@link SplitGenerator#latent})
     */
    public VoiceLoader(OrtRuntime runtime, ConfigCache configs, int cudaDecoderBatch, DecoderPrecision decoderPrecision,
                       List<LatentShape> cudaLatentShapes) {
        this.cudaLatentShapes = List.copyOf(cudaLatentShapes);
        this.runtime = runtime;
        this.configs = configs;
        if (cudaDecoderBatch < 0) {
            throw new IllegalArgumentException("luna.cuda.decoder-batch must be 0 or more, not " + cudaDecoderBatch);
        }
        this.cudaDecoderBatch = cudaDecoderBatch;
        this.decoderPrecision = decoderPrecision;
    }

    /** The decoder graph of split graphs this loader loads on the provider in use. */
    public Path decoderFor(VoiceSource.Split sp) {
        return decoderFor(sp, runtime.prefersCuda(), cudaDecoderBatch, decoderPrecision);
    }

    static Path decoderFor(VoiceSource.Split sp, boolean cuda, int cudaDecoderBatch, DecoderPrecision precision) {
        if (!cuda || cudaDecoderBatch == 0) {
            return sp.decoderFor(cuda);
        }
        return switch (precision) {
            case FP32 -> sp.decoder();
            case AUTO -> sp.fp16Decoder() != null ? sp.fp16Decoder() : sp.decoder();
            case FP16 -> {
                if (sp.fp16Decoder() == null) {
                    throw new IllegalArgumentException("luna.cuda.decoder-precision=FP16 but the voice has no "
                            + "model.decoder.fp16.onnx (export it again with onnx-export)");
                }
                yield sp.fp16Decoder();
            }
        };
    }

    /**
     * Loads and validates a voice: config.json's required keys and ranges, its style table against the style
     * vectors and the generator's style input, its speaker ids against the rows of the graph's speaker embedding.
     * With {@code chunked} and split graphs beside the model, only the split graphs are loaded (the chunked decoder
     * gives the whole graph's samples, so a second copy of the weights would only cost memory and start-up).
     *
     * @throws ModelLoadException with a reason in our words (the cause has the detail)
     */
    public Voice load(VoiceSource src, boolean chunked) throws ModelLoadException {
        try {
            return chunked && src.split() != null ? loadSplit(src) : loadChecked(src);
        } catch (ModelLoadException e) {
            throw e;
        } catch (OrtException e) {
            throw new ModelLoadException("ONNX Runtime cannot load the model file", e);
        } catch (IOException e) {
            throw new ModelLoadException("a file of the voice cannot be read", e);
        } catch (IllegalArgumentException e) {
            // our own validation messages (config, style vectors, generator inputs)
            throw new ModelLoadException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new ModelLoadException("the voice cannot be loaded", e);
        }
    }

    /** The whole graph ({@link #load(VoiceSource, boolean)} without split graphs). */
    public Voice load(VoiceSource src) throws ModelLoadException {
        return load(src, false);
    }

    private Voice loadSplit(VoiceSource src) throws IOException, OrtException, ModelLoadException {
        long t0 = System.nanoTime();
        boolean cuda = runtime.prefersCuda();
        VoiceSource.Split sp = src.split();
        // the cheap checks first: a broken config fails in milliseconds, not after a session was built
        VoiceConfig config = configs.get(FileKey.of(src.config()));
        StyleVectors styles = new StyleVectors(NpyReader.readFloat2d(Files.readAllBytes(src.styleVectors())));
        Voice.checkStyles(config, styles);
        checkSpeakers(src, sp.latentFor(cuda), config);   // the latent graph holds emb_g
        int fixedBatch = cuda ? cudaDecoderBatch : 0;
        Path decoderFile = decoderFor(sp);
        // the decoder's session and its priming run (cuDNN plans) are made beside the latent session, not after it,
        // and so are the fixed-shape latent sessions
        CompletableFuture<OrtSession> decoderTask = async("luna-load-decoder-" + src.name(), () -> {
            OrtSession d = runtime.createSession(decoderFile, OrtRuntime.SessionKind.GENERATOR);
            try {
                SplitGenerator.prime(runtime.environment(), d, runtime.runOptions(), fixedBatch);
            } catch (Throwable e) {
                d.close();
                throw e;
            }
            return d;
        });
        List<LatentShape> shapes = cuda && sp.fixedLatent() != null ? cudaLatentShapes : List.of();
        List<CompletableFuture<SplitGenerator.FixedLatent>> fixedTasks = new ArrayList<>();
        for (LatentShape shape : shapes) {
            fixedTasks.add(async("luna-load-latent-" + shape.tokens() + "-" + src.name(), () -> {
                OrtSession f = runtime.createSession(sp.fixedLatent(), OrtRuntime.SessionKind.GENERATOR,
                        SplitGenerator.FixedLatent.dimensions(shape.batch(), shape.tokens(), shape.frames()));
                SplitGenerator.FixedLatent fl = new SplitGenerator.FixedLatent(f, shape.batch(), shape.tokens(),
                        shape.frames());
                try {
                    SplitGenerator.prime(runtime.environment(), fl, Generator.styleDimension(f), runtime.runOptions());
                } catch (Throwable e) {
                    f.close();
                    throw e;
                }
                return fl;
            }));
        }
        OrtSession latent = null;
        OrtSession decoder = null;
        List<SplitGenerator.FixedLatent> fixed = new ArrayList<>();
        try {
            latent = runtime.createSession(sp.latentFor(cuda), OrtRuntime.SessionKind.GENERATOR);
            decoder = join(decoderTask);
            for (var task : fixedTasks) {
                fixed.add(join(task));
            }
            int styleDim = Generator.styleDimension(latent);
            SplitGenerator split = new SplitGenerator(runtime.environment(), latent, decoder, runtime.runOptions(),
                    styleDim, fixedBatch, fixed);
            if (!shapes.isEmpty()) {
                LOG.infof("Voice %s: latent graph in fixed shapes %s beside the dynamic one", src.name(), shapes);
            }
            return new Voice(src, config, styles, null, split, (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException | OrtException | IOException e) {
            if (latent != null) {
                latent.close();
            }
            if (decoder != null) {
                decoder.close();
            } else {
                decoderTask.thenAccept(d -> closeQuietly(src, d));
            }
            for (int i = 0; i < fixedTasks.size(); i++) {
                if (i < fixed.size()) {
                    closeQuietly(src, fixed.get(i).session());
                } else {
                    fixedTasks.get(i).thenAccept(f -> closeQuietly(src, f.session()));
                }
            }
            throw e;
        }
    }

    private interface Load<T> {
        T call() throws Exception;
    }

    /** {@code work} on a daemon thread of its own: the sessions of a voice are created side by side. */
    private static <T> CompletableFuture<T> async(String thread, Load<T> work) {
        CompletableFuture<T> task = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                task.complete(work.call());
            } catch (Throwable e) {
                task.completeExceptionally(e);
            }
        }, thread);
        t.setDaemon(true);
        t.start();
        return task;
    }

    private static void closeQuietly(VoiceSource src, OrtSession s) {
        try {
            s.close();
        } catch (OrtException x) {
            LOG.debugf("closing a session of %s: %s", src.name(), x.getMessage());
        }
    }

    /** A loading task's result, or what it threw. */
    private static <T> T join(CompletableFuture<T> task) throws OrtException, IOException {
        try {
            return task.join();
        } catch (CompletionException e) {
            Throwable c = e.getCause();
            if (c instanceof OrtException o) {
                throw o;
            } else if (c instanceof IOException io) {
                throw io;
            } else if (c instanceof RuntimeException r) {
                throw r;
            } else if (c instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private Voice loadChecked(VoiceSource src) throws IOException, OrtException, ModelLoadException {
        long t0 = System.nanoTime();
        boolean cuda = runtime.prefersCuda();
        if (cuda && src.cudaModel() == null) {
            LOG.warnf("Voice %s has no CUDA variant beside %s: its convolutions rebuild their cuDNN plans whenever"
                    + " the input length changes (about 1 s per request on an H100). Make one with"
                    + " `python3 -m luna_export gemm-convs %s %s`", src.name(), src.model(), src.model(),
                    ModelRepository.cudaVariantName(src.model()));
        }
        VoiceConfig config = null;
        StyleVectors styles = null;
        if (src.kind() == VoiceSource.Kind.FOLDER) {
            // the cheap checks first: a broken config fails in milliseconds, not after a session was built
            config = configs.get(FileKey.of(src.config()));
            styles = new StyleVectors(NpyReader.readFloat2d(Files.readAllBytes(src.styleVectors())));
            Voice.checkStyles(config, styles);
            checkSpeakers(src, src.modelFor(cuda), config);
        }
        OrtSession session = runtime.createSession(src.modelFor(cuda), OrtRuntime.SessionKind.GENERATOR);
        try {
            Generator gen = new Generator(runtime.environment(), session, runtime.runOptions());
            if (src.kind() == VoiceSource.Kind.AIVMX) {
                Map<String, String> meta = gen.customMetadata();
                String hp = meta.get("aivm_hyper_parameters");
                String sv = meta.get("aivm_style_vectors");
                if (hp == null || sv == null) {
                    throw new IllegalArgumentException("AIVMX metadata lacks aivm_hyper_parameters or aivm_style_vectors");
                }
                config = configs.get(src.files().get(0), k -> VoiceConfig.parse(hp.getBytes(StandardCharsets.UTF_8)));
                byte[] npy;
                try {
                    npy = Base64.getMimeDecoder().decode(sv);
                } catch (IllegalArgumentException e) {
                    throw new ModelLoadException("AIVMX metadata aivm_style_vectors is not base64", e);
                }
                styles = new StyleVectors(NpyReader.readFloat2d(npy));
                checkSpeakers(src, src.modelFor(cuda), config);
            }
            return new Voice(src, config, styles, gen, (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException | RuntimeException | OrtException | ModelLoadException e) {
            session.close();
            throw e;
        }
    }

    /** Every speaker id of spk2id must be a row of the graph's speaker embedding (else Gather fails mid-request). */
    private static void checkSpeakers(VoiceSource src, java.nio.file.Path model, VoiceConfig config)
            throws IOException, ModelLoadException {
        OptionalLong rows = OnnxGraphInfo.read(model).speakerCount();
        if (rows.isEmpty()) {
            LOG.infof("Voice %s: no speaker embedding found in the graph; speaker ids are checked by the warm-up",
                    src.name());
            return;
        }
        for (var e : config.spk2id().entrySet()) {
            if (e.getValue() >= rows.getAsLong()) {
                throw new ModelLoadException("speaker \"" + e.getKey() + "\" has id " + e.getValue()
                        + " but the model has " + rows.getAsLong() + " speaker(s)");
            }
        }
    }
}
