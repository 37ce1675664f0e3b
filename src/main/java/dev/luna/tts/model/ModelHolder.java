package dev.luna.tts.model;

import dev.luna.tts.bert.BertModel;
import dev.luna.tts.bert.CharTokenizer;
import dev.luna.tts.runtime.LunaConfig;
import dev.luna.tts.runtime.OrtRuntime;
import dev.luna.tts.voice.Voice;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Holds the current {@link ModelSet} and swaps it atomically on refresh: unchanged voices
 * (same files, same mtimes and sizes) are reused with their sessions, new ones loaded, removed
 * ones retired (closed once their in-flight requests finish).
 */
@ApplicationScoped
public class ModelHolder {

    private static final Logger LOG = Logger.getLogger(ModelHolder.class);

    @Inject
    LunaConfig config;
    @Inject
    OrtRuntime runtime;
    @Inject
    MeterRegistry registry;

    private final AtomicReference<ModelSet> current = new AtomicReference<>(ModelSet.EMPTY);
    private final ConfigCache configs = new ConfigCache();
    private final Map<String, Double> loadSeconds = new ConcurrentHashMap<>();

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
    public synchronized RefreshResult refresh() throws Exception {
        long t0 = System.nanoTime();
        ModelRepository repo = new ModelRepository(root());
        RepositoryScan scan = repo.scan();
        LOG.infof("Scanned %s in %d ms: %d voice(s), %d BERT model(s)", repo.root().toAbsolutePath(),
                ms(t0), scan.voices().size(), scan.bertDirs().size());
        ModelSet old = current.get();
        Map<String, String> failed = new LinkedHashMap<>();
        scan.problems().forEach((p, why) -> failed.put(p.toString(), why));

        BertModel bert = old.bert();
        if (bert == null) {
            if (scan.bertDirs().isEmpty()) {
                throw new IllegalStateException("no BERT model under " + repo.root().resolve("bert")
                        + " (expected bert/<name>/model.onnx and tokenizer.json)");
            }
            bert = loadBert(scan.bertDirs().get(0));
        }

        VoiceLoader loader = new VoiceLoader(runtime, configs);
        Map<String, Voice> voices = new LinkedHashMap<>();
        List<String> added = new java.util.ArrayList<>();
        for (VoiceSource src : scan.voices()) {
            Voice prev = old.voices().get(src.name());
            if (prev != null && prev.source().files().equals(src.files())) {
                voices.put(src.name(), prev);
                continue;
            }
            if (voices.containsKey(src.name())) {
                failed.put(src.model().toString(), "duplicate voice name " + src.name());
                continue;
            }
            Path file = src.modelFor(runtime.prefersCuda());
            try {
                Voice v = loader.load(src);
                voices.put(src.name(), v);
                added.add(src.name());
                recordLoad(src.name(), v.loadMillis());
                LOG.infof("Loaded voice %s from %s in %d ms (%d speaker(s), styles %s)", src.name(), file,
                        v.loadMillis(), v.config().spk2id().size(), v.config().style2id().keySet());
            } catch (Exception e) {
                String why = e.getClass().getSimpleName() + ": " + e.getMessage();
                LOG.errorf("Voice %s (%s) failed to load: %s", src.name(), file, why);
                if (config.failFast()) {
                    throw new IllegalStateException("voice " + src.name() + " (" + file + ") failed to load: " + why, e);
                }
                failed.put(file.toString(), why);
            }
        }
        ModelSet next = new ModelSet(bert, java.util.Collections.unmodifiableMap(voices), Map.copyOf(failed));
        current.set(next);
        List<String> removed = old.voices().entrySet().stream()
                .filter(e -> next.voices().get(e.getKey()) != e.getValue())
                .map(Map.Entry::getKey).collect(Collectors.toList());
        for (String name : removed) {
            old.voices().get(name).retire();
            if (!next.voices().containsKey(name)) {
                forgetLoad(name);
            }
        }
        Set<FileKey> live = scan.voices().stream().flatMap(s -> s.files().stream()).collect(Collectors.toSet());
        configs.retainOnly(live);
        LOG.infof("Models ready in %d ms: voices %s (added %s, removed/replaced %s, failed %d)", ms(t0),
                next.names(), added, removed, failed.size());
        return new RefreshResult(next.names(), added, removed, Map.copyOf(failed));
    }

    private BertModel loadBert(Path dir) throws Exception {
        long t0 = System.nanoTime();
        CharTokenizer tok = new CharTokenizer(dir.resolve("tokenizer.json"));
        long tokMs = ms(t0);
        Path file = dir.resolve("model.onnx");
        Path cudaFile = ModelRepository.cudaVariant(file);
        if (runtime.prefersCuda() && cudaFile != null) {
            file = cudaFile;  // if CUDA then turns out unusable, this variant runs on the CPU: same results
        }
        var session = runtime.createSession(OrtRuntime.SessionSource.file(file), OrtRuntime.SessionKind.BERT);
        BertModel bert = new BertModel(dir.getFileName().toString(), runtime.environment(), session, tok);
        long total = ms(t0);
        recordLoad("bert/" + bert.name(), total);
        LOG.infof("Loaded BERT %s in %d ms (tokenizer %d ms) on %s", file, total, tokMs, runtime.activeProvider());
        return bert;
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

    public record RefreshResult(List<String> voices, List<String> added, List<String> removed, Map<String, String> failed) {
    }
}
