package dev.luna.tts.service;

import dev.luna.tts.engine.bert.BertModel;
import dev.luna.tts.engine.bert.BertFolder;
import dev.luna.tts.engine.bert.BertTokenizer;
import dev.luna.tts.engine.bert.CharTokenizer;
import dev.luna.tts.engine.model.ConfigCache;
import dev.luna.tts.engine.voice.FileKey;
import dev.luna.tts.engine.model.ModelLoadException;
import dev.luna.tts.engine.model.ModelRepository;
import dev.luna.tts.engine.model.ModelSet;
import dev.luna.tts.engine.model.RepositoryScan;
import dev.luna.tts.engine.model.VoiceLoader;
import dev.luna.tts.engine.voice.VoiceSource;
import dev.luna.tts.engine.onnx.MemoryProbe;
import dev.luna.tts.engine.onnx.OrtRuntime;
import dev.luna.tts.engine.onnx.SessionCache;
import dev.luna.tts.engine.voice.Voice;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import ai.onnxruntime.OrtException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Holds the current {@link ModelSet} and swaps it atomically on refresh: unchanged voices
 * (same files, same mtimes and sizes) are reused with their sessions, new ones loaded, removed
 * ones retired (closed once their in-flight requests finish).
 */
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

    private final LunaConfig config;
    private final OrtRuntime runtime;
    private final MeterRegistry registry;

    private final AtomicReference<ModelSet> current = new AtomicReference<>(ModelSet.EMPTY);
    private final ConfigCache configs = new ConfigCache();
    private final Map<String, Double> loadSeconds = new ConcurrentHashMap<>();
    private final Map<String, LoadedSession> sessions = new ConcurrentHashMap<>();

    public ModelRegistry(LunaConfig config, OrtRuntime runtime, MeterRegistry registry) {
        this.config = config;
        this.runtime = runtime;
        this.registry = registry;
    }

    public OrtRuntime runtime() {
        return runtime;
    }

    /** Whether sessions run on CUDA (decided while the first scan loads). */
    public boolean prefersCuda() {
        return runtime.prefersCuda();
    }

    /**
     * Whether sessions run on CUDA, deciding it now (the probe) if the first scan has not yet: for settings fixed
     * before the models load. False where {@code luna.provider=cuda} and CUDA fails, which fails the start anyway.
     */
    public boolean decidesCuda() {
        try {
            return "cuda".equals(runtime.decideProvider());
        } catch (ai.onnxruntime.OrtException e) {
            return false;
        }
    }

    public ModelSet current() {
        return current.get();
    }

    public int configParseCount() {
        return configs.parseCount();
    }

    public Path root() {
        return Path.of(config.modelsDir());
    }

    /** Scans and loads; the first call loads everything, later calls are refreshes. */
    public RefreshResult refresh() throws Exception {
        return refresh(null);
    }

    /**
     * Scans and loads, as {@link #refresh()}; {@code verify} (or null) runs on the newly loaded voices before they
     * are served and names those that must not be (warm-up failed): a new voice among them is dropped, a new version
     * of a serving voice is dropped and the previous version kept.
     */
    public synchronized RefreshResult refresh(Function<ModelSet, List<String>> verify) throws Exception {
        long t0 = System.nanoTime();
        ModelRepository repo = new ModelRepository(root());
        RepositoryScan scan = repo.scan();
        LOG.infof("Scanned %s in %d ms: %d voice(s), %d BERT model(s)", repo.root().toAbsolutePath(),
                ms(t0), scan.voices().size(), scan.bertDirs().size());
        ModelSet old = current.get();
        Map<String, String> failed = new LinkedHashMap<>();
        scan.problems().forEach((p, why) -> failed.put(relative(p), why));

        String provider = runtime.decideProvider();
        VoiceLoader loader = new VoiceLoader(runtime, configs, config.cuda().decoderBatch(),
                config.cuda().decoderPrecision(), VoiceLoader.LatentShape.parse(config.cuda().latentShapes()));
        Map<String, Voice> voices = new LinkedHashMap<>();
        List<String> added = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        ExecutorService loaders = Executors.newFixedThreadPool(Math.max(1, config.loadThreads()), loaderThreads());
        try {
            Future<BertModel> bertTask = null;
            if (old.bert() == null) {
                if (scan.bertDirs().isEmpty()) {
                    throw new IllegalStateException("no BERT model under " + repo.root().resolve("bert")
                            + " (expected bert/<name>/ with model.onnx or model_fp16.onnx, and vocab.txt or tokenizer.json)");
                }
                Path bertDir = scan.bertDirs().get(0);
                bertTask = loaders.submit(() -> loadBert(bertDir, provider));
            }
            Map<VoiceSource, Future<Voice>> voiceTasks = new LinkedHashMap<>();
            Set<String> names = new HashSet<>();
            for (VoiceSource src : scan.voices()) {
                if (!names.add(src.name())) {
                    failed.put(relative(src.model()), "duplicate voice name " + src.name());
                    continue;
                }
                Voice prev = old.voices().get(src.name());
                if (prev != null && prev.source().files().equals(src.files())) {
                    voices.put(src.name(), prev);
                } else {
                    voices.put(src.name(), null);   // keeps the scan order
                    voiceTasks.put(src, loaders.submit(() -> loader.load(src, config.streaming().chunked())));
                }
            }
            Exception fatal = null;
            for (Map.Entry<VoiceSource, Future<Voice>> task : voiceTasks.entrySet()) {
                VoiceSource src = task.getKey();
                Path file = src.modelFor(runtime.prefersCuda());
                try {
                    Voice v = outcome(task.getValue());
                    voices.put(src.name(), v);
                    added.add(src.name());
                    recordLoad(src.name(), v.loadMillis());
                    recordSession(src.name(), v.split() != null
                            ? List.of(src.split().latentFor(runtime.prefersCuda()), loader.decoderFor(src.split()))
                            : List.of(file));
                    LOG.infof("Loaded voice %s from %s in %d ms on %s (%d speaker(s), styles %s)", src.name(),
                            v.split() != null ? src.split().latentFor(runtime.prefersCuda()).getFileName() + " + "
                                    + loader.decoderFor(src.split()).getFileName() : file,
                            v.loadMillis(), provider, v.config().spk2id().size(), v.config().style2id().keySet());
                    if (v.split() != null) {
                        LOG.infof("Voice %s streams in chunks of %d frames (margin %d): split graphs loaded%s", src.name(),
                                v.split().chunkFrames(), v.split().marginFrames(), v.split().fixedBatch() > 0
                                        ? "; decoder runs padded to " + v.split().fixedBatch() + " chunks (cuDNN)" : "");
                    } else if (!v.generator().batched()) {
                        LOG.infof("Voice %s: its graph has no %s output, so its pieces run one at a time (export"
                                + " it with onnx-export to batch them)", src.name(),
                                dev.luna.tts.engine.voice.Generator.LENGTHS_OUTPUT);
                    }
                } catch (Exception e) {
                    String why = e instanceof ModelLoadException ? e.getMessage() : "the voice cannot be loaded";
                    Throwable detail = e instanceof ModelLoadException && e.getCause() != null ? e.getCause() : e;
                    LOG.errorf("Voice %s (%s) failed to load: %s (%s: %s)", src.name(), file, why,
                            detail.getClass().getName(), detail.getMessage());
                    Voice prev = old.voices().get(src.name());
                    if (prev != null) {
                        // a broken edit of a serving voice must not take it away: the last good version stays
                        voices.put(src.name(), prev);
                        kept.add(src.name());
                        failed.put(relative(file), why + "; the previous version of voice " + src.name()
                                + " is still served");
                        LOG.warnf("Voice %s: its new files failed to load; the previous version is still served",
                                src.name());
                    } else {
                        voices.remove(src.name());
                        failed.put(relative(file), why);
                    }
                    if (config.failFast() && fatal == null) {
                        fatal = new IllegalStateException("voice " + src.name() + " (" + file + ") failed to load: " + why, e);
                    }
                }
            }
            BertModel bert = old.bert();
            if (bertTask != null) {
                try {
                    bert = outcome(bertTask);
                } catch (Exception e) {
                    fatal = fatal != null ? fatal : e;
                }
            }
            if (fatal != null) {
                added.forEach(name -> voices.get(name).retire());
                if (bertTask != null && bert != null) {
                    bert.close();
                }
                throw fatal;
            }
            if (verify != null && !added.isEmpty()) {
                Map<String, Voice> fresh = new LinkedHashMap<>();
                added.forEach(name -> fresh.put(name, voices.get(name)));
                for (String name : verify.apply(new ModelSet(bert, Collections.unmodifiableMap(fresh), Map.of()))) {
                    Voice broken = voices.get(name);
                    Voice prev = old.voices().get(name);
                    added.remove(name);
                    if (prev != null) {
                        voices.put(name, prev);
                        kept.add(name);
                        failed.put(name, "its new version failed warm-up; the previous version is still served");
                        LOG.warnf("Voice %s: its new version failed warm-up; the previous version is still served", name);
                    } else {
                        voices.remove(name);
                        failed.put(name, "failed warm-up (see the log)");
                        LOG.errorf("Voice %s is not served: it failed warm-up", name);
                    }
                    broken.retire();
                }
            }
            current.set(new ModelSet(bert, Collections.unmodifiableMap(voices), Map.copyOf(failed)));
        } finally {
            loaders.shutdownNow();
        }
        ModelSet next = current.get();
        List<String> removed = old.voices().entrySet().stream()
                .filter(e -> next.voices().get(e.getKey()) != e.getValue())
                .map(Map.Entry::getKey).collect(Collectors.toList());
        for (String name : removed) {
            old.voices().get(name).retire();
            if (!next.voices().containsKey(name)) {
                forgetLoad(name);
                forgetSession(name);
            }
        }
        Set<FileKey> live = scan.voices().stream().flatMap(s -> s.files().stream()).collect(Collectors.toSet());
        configs.retainOnly(live);
        LOG.infof("Models ready in %d ms: voices %s (added %s, removed/replaced %s, failed %d)", ms(t0),
                next.names(), added, removed, failed.size());
        return new RefreshResult(next.names(), added, removed, kept, Map.copyOf(failed));
    }

    /** A path as clients may see it: relative to the model repository (absolute paths stay in the log). */
    public String relative(Path p) {
        Path root = root().toAbsolutePath().normalize();
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : abs.getFileName().toString();
    }

    /** Takes voices that loaded but cannot serve (warm-up failed) out of the current set and lists them as failed. */
    public synchronized void retireBroken(List<String> names, String why) {
        ModelSet old = current.get();
        Map<String, Voice> voices = new LinkedHashMap<>(old.voices());
        Map<String, String> failed = new LinkedHashMap<>(old.failed());
        for (String name : names) {
            Voice v = voices.remove(name);
            if (v != null) {
                failed.put(name, why);
                LOG.errorf("Voice %s is not served: %s", name, why);
            }
        }
        current.set(new ModelSet(old.bert(), Collections.unmodifiableMap(voices), Map.copyOf(failed)));
        for (String name : names) {
            Voice v = old.voices().get(name);
            if (v != null) {
                v.retire();
            }
        }
    }

    /** The task's value, or the exception it threw. */
    private static <T> T outcome(Future<T> task) throws Exception {
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : new IllegalStateException(e.getCause());
        }
    }

    private static ThreadFactory loaderThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "luna-load-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private BertModel loadBert(Path dir, String provider) throws Exception {
        long t0 = System.nanoTime();
        BertTokenizer tok;
        if (java.nio.file.Files.isRegularFile(dir.resolve("vocab.txt"))) {
            // SBV2 2.7 and AivisSpeech folders: BertJapaneseTokenizer's character mode from vocab.txt (the
            // tokenizer.json SBV2 ships beside it is a WordPiece conversion that does not split per character)
            tok = BertTokenizer.of(BertFolder.resolve(dir, BertFolder.Precision.FP32_FIRST).tokenizer());
        } else {
            tok = new CharTokenizer(dir.resolve("tokenizer.json"));
        }
        long tokMs = ms(t0);
        Path file = bertGraph(dir, config.bert().precision(), runtime.prefersCuda());
        Path cudaFile = ModelRepository.cudaVariant(file);
        if (runtime.prefersCuda() && cudaFile != null) {
            file = cudaFile;
        }
        var session = runtime.createSession(file, OrtRuntime.SessionKind.BERT);
        BertModel bert;
        try {
            bert = new BertModel(dir.getFileName().toString(), runtime.environment(), session, tok, runtime.runOptions());
            if (runtime.prefersCuda()) {
                // the session's first run (cuBLAS handles, kernels loaded on first call) while the voices still load
                bert.features("あ");
            }
        } catch (RuntimeException | OrtException e) {
            session.close();
            throw e;
        }
        long total = ms(t0);
        recordLoad("bert/" + bert.name(), total);
        recordSession("bert/" + bert.name(), List.of(file));
        LOG.infof("Loaded BERT %s in %d ms (tokenizer %d ms) on %s%s", file, total, tokMs, provider,
                bert.batched() ? "" : "; its graph has no " + BertModel.BATCH_OUTPUT + " output: one text per run");
        return bert;
    }

    /**
     * The BERT graph to load: {@code model_fp16.onnx} (the name SBV2 and AivisSpeech ship it under,
     * beside {@code model.onnx}) or {@code model.onnx}. AUTO takes fp16 on CUDA when the folder has
     * it (half the weights; README gives how far features and audio move) and fp32 on the CPU, where
     * fp16 weights only add casts.
     */
    static Path bertGraph(Path dir, LunaConfig.BertPrecision precision, boolean cuda) {
        Path fp32 = dir.resolve("model.onnx");
        Path fp16 = dir.resolve("model_fp16.onnx");
        return switch (precision) {
            case FP32 -> fp32;
            case FP16 -> {
                if (!java.nio.file.Files.isRegularFile(fp16)) {
                    throw new IllegalStateException("luna.bert.precision=fp16 but " + dir.getFileName()
                            + " has no model_fp16.onnx");
                }
                yield fp16;
            }
            // a folder with model_fp16.onnx alone (AivisSpeech's) runs it on the CPU too
            case AUTO -> (cuda || !java.nio.file.Files.isRegularFile(fp32)) && java.nio.file.Files.isRegularFile(fp16)
                    ? fp16 : fp32;
        };
    }

    /**
     * Per model (voice name, {@code bert/<name>}): the graph file its session came from, what creating
     * it added to host and device memory, and what the session cache did.
     */
    public Map<String, LoadedSession> sessions() {
        return Collections.unmodifiableMap(sessions);
    }

    /**
     * @param files  the graph file names the model's sessions came from (two for a voice with split graphs)
     * @param memory what creating them added (summed), or null when unknown
     * @param cache  what the session cache did: the first file's result, or the first that was not a hit
     */
    public record LoadedSession(List<String> files, MemoryProbe.ModelMemory memory, SessionCache.Result cache) {
    }

    private void recordSession(String model, List<Path> files) {
        MemoryProbe.ModelMemory mem = null;
        SessionCache.Result cache = null;
        for (Path f : files) {
            MemoryProbe.ModelMemory m = runtime.memoryOf(f);
            if (m != null) {
                mem = mem == null ? m : new MemoryProbe.ModelMemory(mem.hostBytes() + m.hostBytes(),
                        mem.deviceBytes() < 0 || m.deviceBytes() < 0 ? -1 : mem.deviceBytes() + m.deviceBytes(),
                        mem.overlapped() || m.overlapped());
            }
            SessionCache.Result r = runtime.sessionCache().resultFor(f);
            if (cache == null || (cache.outcome() == SessionCache.Outcome.HIT && r != null
                    && r.outcome() != SessionCache.Outcome.HIT)) {
                cache = r;
            }
        }
        List<String> names = files.stream().map(f -> f.getFileName().toString()).toList();
        boolean isNew = sessions.put(model, new LoadedSession(names, mem, cache)) == null;
        if (mem != null) {
            LOG.infof("Model %s: session added %d MB host memory%s%s", model, mem.hostBytes() >> 20,
                    mem.deviceBytes() >= 0 ? ", " + (mem.deviceBytes() >> 20) + " MB device memory" : "",
                    mem.overlapped() ? " (created alongside other sessions: the figures overlap)" : "");
        }
        if (isNew) {
            for (String kind : List.of("host", "device")) {
                Gauge.builder("luna.tts.model.memory.bytes", sessions, m -> {
                            LoadedSession l = m.get(model);
                            if (l == null || l.memory() == null) {
                                return Double.NaN;
                            }
                            long b = kind.equals("host") ? l.memory().hostBytes() : l.memory().deviceBytes();
                            return b < 0 ? Double.NaN : b;
                        })
                        .description("Memory creating the model's session added (host: resident set; device: nvidia-smi)")
                        .baseUnit("bytes").tag("model", model).tag("kind", kind).register(registry);
            }
        }
    }

    private void forgetSession(String model) {
        sessions.remove(model);
        for (var g : registry.find("luna.tts.model.memory.bytes").tag("model", model).gauges()) {
            registry.remove(g);
        }
    }

    private void recordLoad(String model, long millis) {
        boolean isNew = loadSeconds.put(model, millis / 1000.0) == null;
        if (isNew) {
            Gauge.builder("luna.tts.model.load.seconds", loadSeconds, m -> m.getOrDefault(model, Double.NaN))
                    .description("Time to load a model (session creation included)")
                    .tag("model", model).register(registry);
        }
    }

    private void forgetLoad(String model) {
        loadSeconds.remove(model);
        var g = registry.find("luna.tts.model.load.seconds").tag("model", model).gauge();
        if (g != null) {
            registry.remove(g);
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** @param kept voices whose new files failed to load: their previous version is still served */
    public record RefreshResult(List<String> voices, List<String> added, List<String> removed, List<String> kept,
                                Map<String, String> failed) {
    }
}
