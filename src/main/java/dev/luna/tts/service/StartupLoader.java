package dev.luna.tts.service;

import dev.luna.tts.engine.model.ModelSet;
import dev.luna.tts.engine.onnx.OrtRuntime;
import dev.luna.tts.text.TextFrontend;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Eager start-up (the seed's point): dictionary, model scan, every ONNX session, then warm-up — on a background
 * thread so the HTTP port answers health probes meanwhile. The started probe is UP once loading is done, readiness
 * once warm-up is done. Refreshes go through here too, so added voices are warmed before they are served.
 */
@Startup
@ApplicationScoped
public class StartupLoader {

    private static final Logger LOG = Logger.getLogger(StartupLoader.class);

    private final LunaConfig config;
    private final TextFrontend frontend;
    private final ModelRegistry models;
    private final Warmup warmup;
    private final LifecycleState state;
    private final TtsMetrics metrics;
    private final OrtRuntime runtime;
    private final HttpWarmup httpWarmup;

    public StartupLoader(LunaConfig config, TextFrontend frontend, ModelRegistry models, Warmup warmup,
                         LifecycleState state, TtsMetrics metrics, OrtRuntime runtime, HttpWarmup httpWarmup) {
        this.httpWarmup = httpWarmup;
        this.config = config;
        this.frontend = frontend;
        this.models = models;
        this.warmup = warmup;
        this.state = state;
        this.metrics = metrics;
        this.runtime = runtime;
    }

    @PostConstruct
    void start() {
        metrics.warmupComplete(false);
        Thread t = new Thread(this::load, "luna-startup");
        t.setDaemon(true);
        t.start();
    }

    void load() {
        long t0 = System.nanoTime();
        try {
            // the dictionary opens (memory-mapped) now, not on the first request, while the models load
            java.util.concurrent.CompletableFuture<Void> text = java.util.concurrent.CompletableFuture.runAsync(() -> {
                frontend.normalize("テスト");
                LOG.infof("Text frontend ready in %d ms (dictionary %s)", ms(t0), config.dictionaryDir());
            }, daemon("luna-startup-text"));
            models.refresh();
            try {
                text.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause();
            }
            var set = models.current();
            if (set.voices().isEmpty()) {
                throw new IllegalStateException("no voice loaded from " + models.root().toAbsolutePath()
                        + (set.failed().isEmpty() ? "" : ": " + set.failed()));
            }
            LOG.infof("Loading done in %d ms on provider %s: %d voice(s) %s", ms(t0), runtime.activeProvider(),
                    set.voices().size(), set.names());
            state.warming();
            if (config.warmup().delay().toMillis() > 0) {
                Thread.sleep(config.warmup().delay().toMillis());
            }
            long t1 = System.nanoTime();
            if (config.warmup().enabled()) {
                // the request over HTTP runs beside the voices' warm-up: its HTTP side then costs start-up little
                java.util.concurrent.CompletableFuture<Long> http = !config.warmup().http() ? null
                        : java.util.concurrent.CompletableFuture.supplyAsync(
                                () -> httpWarmup.run(set.voices().keySet().iterator().next(), Warmup.SHORT),
                                daemon("luna-http-warmup"));
                warm(set);
                if (http != null) {
                    http.join();
                }
                if (models.current().voices().isEmpty()) {
                    throw new IllegalStateException("every voice failed warm-up: " + models.current().failed());
                }
                LOG.infof("Warm-up done in %d ms", ms(t1));
            }
            metrics.warmupComplete(true);
            state.ready(true);
            LOG.infof("Ready in %d ms", ms(t0));
        } catch (Throwable e) {
            String why = e.getClass().getSimpleName() + ": " + e.getMessage();
            // the started probe shows this: our words, the detail (paths, classes) only in the log
            state.failed("start-up failed; the reason is in the log");
            LOG.errorf(e, "Start-up failed: %s", why);
            Quarkus.asyncExit(1);
        }
    }

    /**
     * Rescans the models folder; voices added or replaced are warmed before the new set is served, and one that fails
     * warm-up is not served (a replaced voice keeps its previous version).
     */
    public synchronized ModelRegistry.RefreshResult refresh() throws Exception {
        return models.refresh(config.warmup().enabled() ? warmup::warm : null);
    }

    private void warm(ModelSet set) {
        List<String> failed = warmup.warm(set);
        if (!failed.isEmpty()) {
            models.retireBroken(failed, "failed warm-up (see the log)");
        }
    }

    /** Runs each task on a new daemon thread of this name (start-up work beside the loading). */
    private static java.util.concurrent.Executor daemon(String name) {
        return r -> {
            Thread th = new Thread(r, name);
            th.setDaemon(true);
            th.start();
        };
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
