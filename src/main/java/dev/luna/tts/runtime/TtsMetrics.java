package dev.luna.tts.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service's Prometheus meters (names after conversion: luna_tts_inflight_requests,
 * luna_tts_queued_requests, luna_tts_request_seconds, luna_tts_time_to_first_audio_seconds,
 * luna_tts_audio_seconds_total, luna_tts_real_time_factor, luna_tts_bert_seconds,
 * luna_tts_generator_seconds, luna_tts_warmup_complete; luna_tts_model_load_seconds is in ModelHolder).
 */
@ApplicationScoped
public class TtsMetrics {

    @Inject
    MeterRegistry registry;
    @Inject
    OrtRuntime runtime;

    private final AtomicInteger inflight = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger warmupComplete = new AtomicInteger();
    private volatile boolean registered;

    private synchronized void register() {
        if (registered) {
            return;
        }
        Gauge.builder("luna.tts.inflight.requests", inflight, AtomicInteger::get)
                .description("Requests being synthesized now").register(registry);
        Gauge.builder("luna.tts.queued.requests", queued, AtomicInteger::get)
                .description("Requests waiting for an inference thread").register(registry);
        Gauge.builder("luna.tts.warmup.complete", warmupComplete, AtomicInteger::get)
                .description("1 once every voice is warmed up").register(registry);
        registered = true;
    }

    public AtomicInteger inflight() {
        register();
        return inflight;
    }

    public AtomicInteger queued() {
        register();
        return queued;
    }

    public void warmupComplete(boolean done) {
        register();
        warmupComplete.set(done ? 1 : 0);
    }

    public void request(String endpoint, String outcome, long nanos) {
        Timer.builder("luna.tts.request").description("Request latency until the last byte")
                .publishPercentileHistogram().tag("endpoint", endpoint).tag("outcome", outcome)
                .tag("provider", runtime.activeProvider())
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void timeToFirstAudio(String endpoint, long nanos) {
        Timer.builder("luna.tts.time.to.first.audio").description("Request start to the first PCM bytes")
                .publishPercentileHistogram().tag("endpoint", endpoint).tag("provider", runtime.activeProvider())
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void bert(long nanos) {
        Timer.builder("luna.tts.bert").description("BERT session run").publishPercentileHistogram()
                .tag("provider", runtime.activeProvider()).register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Generator time plus the audio it made (audio seconds counter, real-time factor). */
    public void generator(String voice, long nanos, double audioSeconds) {
        Timer.builder("luna.tts.generator").description("Generator session run").publishPercentileHistogram()
                .tag("provider", runtime.activeProvider()).tag("model", voice)
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
        Counter.builder("luna.tts.audio.seconds").description("Seconds of audio synthesized")
                .tag("model", voice).register(registry).increment(audioSeconds);
    }

    /** Real-time factor of one utterance piece: (BERT + generator time) / audio seconds. */
    public void realTimeFactor(String voice, long computeNanos, double audioSeconds) {
        if (audioSeconds > 0) {
            DistributionSummary.builder("luna.tts.real.time.factor")
                    .description("Compute seconds per audio second").tag("provider", runtime.activeProvider())
                    .tag("model", voice).register(registry).record(Duration.ofNanos(computeNanos).toNanos() / 1e9 / audioSeconds);
        }
    }
}
