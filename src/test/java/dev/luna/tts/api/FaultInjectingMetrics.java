package dev.luna.tts.api;

import dev.luna.tts.engine.onnx.OrtRuntime;
import dev.luna.tts.service.Admission;
import dev.luna.tts.service.TtsMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Alternative;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection for {@link ReliabilityTest} only (enabled by its profile): the generator stage reports each run's
 * audio through the engine listener before the run's pieces complete, so throwing there fails that run's pieces
 * exactly as an ONNX Runtime error would. Armed per test: {@link #FAIL_AT} = n fails the n-th generator run of the
 * voice {@value #VOICE} from then on, once.
 */
@Alternative
@Singleton
public class FaultInjectingMetrics extends TtsMetrics {

    static final String VOICE = "faulty";
    static final AtomicInteger FAIL_AT = new AtomicInteger();
    /** Runs that fail from the FAIL_AT-th on (a failed batch is retried item by item: those runs count too). */
    static final AtomicInteger FAILING_RUNS = new AtomicInteger(1);
    private static final AtomicInteger failing = new AtomicInteger();

    /** Stops injecting (what is left of FAILING_RUNS is dropped). */
    static void disarm() {
        FAIL_AT.set(0);
        failing.set(0);
        FAILING_RUNS.set(1);
    }

    public FaultInjectingMetrics(MeterRegistry registry, OrtRuntime runtime, Admission admission) {
        super(registry, runtime, admission);
    }

    @Override
    public void audio(String voice, double audioSeconds) {
        if (VOICE.equals(voice) && FAIL_AT.get() > 0 && FAIL_AT.decrementAndGet() == 0) {
            failing.set(FAILING_RUNS.get());
        }
        if (VOICE.equals(voice) && failing.get() > 0) {
            failing.decrementAndGet();
            throw new IllegalStateException("injected generator failure");
        }
        super.audio(voice, audioSeconds);
    }
}
