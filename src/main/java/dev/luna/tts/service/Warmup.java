package dev.luna.tts.service;

import dev.luna.tts.engine.SynthesisRequest;
import dev.luna.tts.engine.model.ModelSet;
import dev.luna.tts.engine.voice.Voice;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs every voice on short, medium and (on CUDA) long inputs (luna.warmup.texts) through the same path as a
 * request, so first-use costs (kernel and arena set-up, JIT) are paid before readiness, and a voice whose files
 * disagree (a speaker id its graph does not have, say) is found before it is served.
 */
@ApplicationScoped
public class Warmup {

    private static final Logger LOG = Logger.getLogger(Warmup.class);
    public static final String SHORT = "テスト。";
    public static final String MEDIUM = "今日はいい天気ですね。散歩に行きましょう。";
    public static final String LONG = "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。何でも薄暗いじめじめした所で"
            + "ニャーニャー泣いていた事だけは記憶している。";

    private final LunaConfig config;
    private final SynthesisService synthesis;
    private final ModelRegistry models;

    public Warmup(LunaConfig config, SynthesisService synthesis, ModelRegistry models) {
        this.config = config;
        this.synthesis = synthesis;
        this.models = models;
    }

    /** luna.warmup.texts, or the defaults for the provider in use. */
    java.util.List<String> texts() {
        return config.warmup().texts().orElseGet(() -> models.prefersCuda()
                ? java.util.List.of(SHORT, MEDIUM, LONG) : java.util.List.of(SHORT, MEDIUM));
    }

    /** @return names of the voices that failed warm-up (the caller decides what to do with them) */
    public java.util.List<String> warm(ModelSet set) {
        java.util.List<String> failed = new java.util.ArrayList<>();
        for (Voice v : set.voices().values()) {
            long t0 = System.nanoTime();
            // all of a voice's warm-up requests at once: they share the stages' runs as concurrent requests do, so
            // warm-up takes about as long as its longest text rather than the sum of all
            java.util.List<CompletableFuture<float[]>> runs = new java.util.ArrayList<>();
            java.util.List<String> texts = texts();
            try {
                // every speaker id once (tiny input), so an id the graph lacks fails here and not in a request
                for (int sid : v.config().spk2id().values()) {
                    runs.add(start(set, v, "あ", sid));
                }
                for (String text : texts) {
                    runs.add(start(set, v, text, null));
                }
                CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
                int first = runs.size() - texts.size();
                for (int i = 0; i < texts.size(); i++) {
                    float[] audio = runs.get(first + i).join();
                    LOG.infof("Warm-up %s: %d chars → %.2f s of audio", v.name(),
                            texts.get(i).codePointCount(0, texts.get(i).length()),
                            audio.length / (double) v.config().samplingRate());
                }
                LOG.infof("Warmed voice %s in %d ms", v.name(), (System.nanoTime() - t0) / 1_000_000);
            } catch (RuntimeException e) {
                // the others finish (or fail) before the next voice or readiness
                runs.forEach(r -> r.exceptionally(x -> null).join());
                failed.add(v.name());
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                LOG.errorf("Warm-up of voice %s failed: %s", v.name(), cause.getMessage());
            }
        }
        return failed;
    }

    private CompletableFuture<float[]> start(ModelSet set, Voice v, String text, Integer speakerId) {
        SynthesisRequest r = new SynthesisRequest(text, v.name(), null, null, speakerId, null, null, false, null);
        return synthesis.complete(synthesis.acceptInternal(set, r, "warmup")).subscribeAsCompletionStage();
    }
}
