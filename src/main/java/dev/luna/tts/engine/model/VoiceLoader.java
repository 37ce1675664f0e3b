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
import dev.luna.tts.engine.voice.StyleVectors;
import dev.luna.tts.engine.voice.Voice;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Map;

/** Turns a {@link VoiceSource} into a loaded {@link Voice} (eager: the session is created here). */
public final class VoiceLoader {

    private static final Logger LOG = Logger.getLogger(VoiceLoader.class);

    private final OrtRuntime runtime;
    private final ConfigCache configs;

    public VoiceLoader(OrtRuntime runtime, ConfigCache configs) {
        this.runtime = runtime;
        this.configs = configs;
    }

    /**
     * Loads a voice. With {@code chunked} and split graphs beside the model, only the split graphs are loaded (the
     * chunked decoder gives the whole graph's samples, so a second copy of the weights would only cost memory and
     * start-up); otherwise the whole graph.
     */
    public Voice load(VoiceSource src, boolean chunked) throws IOException, OrtException {
        if (chunked && src.split() != null) {
            return loadSplit(src);
        }
        return load(src);
    }

    private Voice loadSplit(VoiceSource src) throws IOException, OrtException {
        long t0 = System.nanoTime();
        boolean cuda = runtime.prefersCuda();
        VoiceSource.Split sp = src.split();
        OrtSession latent = runtime.createSession(sp.latentFor(cuda), OrtRuntime.SessionKind.GENERATOR);
        OrtSession decoder = null;
        try {
            decoder = runtime.createSession(sp.decoderFor(cuda), OrtRuntime.SessionKind.GENERATOR);
            int styleDim = Generator.styleDimension(latent);
            SplitGenerator split = new SplitGenerator(runtime.environment(), latent, decoder, runtime.runOptions(),
                    styleDim);
            VoiceConfig config = configs.get(FileKey.of(src.config()));
            StyleVectors styles = new StyleVectors(NpyReader.readFloat2d(Files.readAllBytes(src.styleVectors())));
            return new Voice(src, config, styles, null, split, (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException | RuntimeException | OrtException e) {
            latent.close();
            if (decoder != null) {
                decoder.close();
            }
            throw e;
        }
    }

    public Voice load(VoiceSource src) throws IOException, OrtException {
        long t0 = System.nanoTime();
        boolean cuda = runtime.prefersCuda();
        if (cuda && src.cudaModel() == null) {
            LOG.warnf("Voice %s has no CUDA variant beside %s: its convolutions rebuild their cuDNN plans whenever"
                    + " the input length changes (about 1 s per request on an H100). Make one with"
                    + " `python3 -m luna_export gemm-convs %s %s`", src.name(), src.model(), src.model(),
                    ModelRepository.cudaVariantName(src.model()));
        }
        OrtSession session = runtime.createSession(src.modelFor(cuda), OrtRuntime.SessionKind.GENERATOR);
        try {
            Generator gen = new Generator(runtime.environment(), session, runtime.runOptions());
            VoiceConfig config;
            StyleVectors styles;
            if (src.kind() == VoiceSource.Kind.FOLDER) {
                config = configs.get(FileKey.of(src.config()));
                styles = new StyleVectors(NpyReader.readFloat2d(Files.readAllBytes(src.styleVectors())));
            } else {
                Map<String, String> meta = gen.customMetadata();
                String hp = meta.get("aivm_hyper_parameters");
                String sv = meta.get("aivm_style_vectors");
                if (hp == null || sv == null) {
                    throw new IllegalArgumentException("AIVMX metadata lacks aivm_hyper_parameters or aivm_style_vectors");
                }
                config = configs.get(src.files().get(0), k -> VoiceConfig.parse(hp.getBytes(StandardCharsets.UTF_8)));
                styles = new StyleVectors(NpyReader.readFloat2d(Base64.getMimeDecoder().decode(sv)));
            }
            return new Voice(src, config, styles, gen, (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException | RuntimeException | OrtException e) {
            session.close();
            throw e;
        }
    }
}
