package dev.luna.tts.runtime;

import dev.luna.tts.model.ModelHolder;
import dev.luna.tts.text.TextFrontend;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Eager start-up (the seed's point): dictionary, model scan, every ONNX session, then warm-up —
 * on a background thread so the HTTP port answers health probes meanwhile. The started probe is
 * UP once loading is done, readiness once warm-up is done.
 */
@Startup
@ApplicationScoped
public class StartupLoader {

    private static final Logger LOG = Logger.getLogger(StartupLoader.class);

    @Inject
    LunaConfig config;
    @Inject
    TextFrontend frontend;
    @Inject
    ModelHolder models;
    @Inject
    Warmup warmup;
    @Inject
    LifecycleState state;
    @Inject
    TtsMetrics metrics;
    @Inject
    OrtRuntime runtime;

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
            frontend.normalize("テスト");   // opens the dictionary (memory-mapped) now, not on the first request
            LOG.infof("Text frontend ready in %d ms (dictionary %s)", ms(t0), config.dictionaryDir());
            models.refresh();
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
                int failures = warmup.warm(set);
                LOG.infof("Warm-up done in %d ms (%d failure(s))", ms(t1), failures);
            }
            metrics.warmupComplete(true);
            state.ready(true);
            LOG.infof("Ready in %d ms", ms(t0));
        } catch (Throwable e) {
            String why = e.getClass().getSimpleName() + ": " + e.getMessage();
            state.failed(why);
            LOG.errorf(e, "Start-up failed: %s", why);
            Quarkus.asyncExit(1);
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
