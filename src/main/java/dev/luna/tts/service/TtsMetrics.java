package dev.luna.tts.service;

import dev.luna.tts.engine.batch.EngineListener;
import dev.luna.tts.engine.onnx.OrtRuntime;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service's Prometheus meters (names after conversion): luna_tts_inflight_requests, luna_tts_queued_requests,
 * luna_tts_admitted_pieces, luna_tts_request_seconds, luna_tts_time_to_first_audio_seconds,
 * luna_tts_audio_seconds_total, luna_tts_real_time_factor, luna_tts_bert_seconds, luna_tts_generator_seconds,
 * luna_tts_decoder_seconds, luna_tts_batch_size{stage}, luna_tts_queue_wait_seconds{stage}, luna_tts_warmup_complete;
 * luna_tts_model_load_seconds is in ModelRegistry.
 */
@ApplicationScoped
public class TtsMetrics implements EngineListener {

    private final MeterRegistry registry;
    private final OrtRuntime runtime;
    private final AtomicInteger warmupComplete = new AtomicInteger();

    public TtsMetrics(MeterRegistry registry, OrtRuntime runtime, Admission admission) {
        this.registry = registry;
        this.runtime = runtime;
        Gauge.builder("luna.tts.inflight.requests", admission, Admission::producingRequests)
                .description("Admitted requests producing audio").register(registry);
        Gauge.builder("luna.tts.queued.requests", admission, Admission::waitingRequests)
                .description("Admitted requests that have no audio yet").register(registry);
        Gauge.builder("luna.tts.admitted.pieces", admission, Admission::pieces)
                .description("Sentences admitted and not yet synthesized (admission limit: luna.admission.max-pieces)")
                .register(registry);
        Gauge.builder("luna.tts.warmup.complete", warmupComplete, AtomicInteger::get)
                .description("1 once every voice is warmed up").register(registry);
    }

    public void warmupComplete(boolean done) {
        warmupComplete.set(done ? 1 : 0);
    }

    public void request(String endpoint, String outcome, long nanos) {
        Timer.builder("luna.tts.request").description("Request latency until the last byte")
                .publishPercentileHistogram().tag("endpoint", endpoint).tag("outcome", outcome)
                .tag("provider", runtime.activeProvider())
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    public void timeToFirstAudio(String endpoint, long nanos) {
        Timer.builder("luna.tts.time.to.first.audio").description("Request start to the first audio sample sent")
                .publishPercentileHistogram().tag("endpoint", endpoint).tag("provider", runtime.activeProvider())
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Wall time of a whole request per second of its audio. */
    public void realTimeFactor(String voice, long nanos, double audioSeconds) {
        if (audioSeconds > 0) {
            DistributionSummary.builder("luna.tts.real.time.factor")
                    .description("Request seconds per audio second").tag("provider", runtime.activeProvider())
                    .tag("model", voice).register(registry).record(nanos / 1e9 / audioSeconds);
        }
    }

    @Override
    public void batch(Stage stage, int size, long nanos) {
        DistributionSummary.builder("luna.tts.batch.size").description("Items per inference run")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64).tag("stage", stage.label())
                .register(registry).record(size);
        Timer.builder(switch (stage) {
                    case BERT -> "luna.tts.bert";
                    case GENERATOR -> "luna.tts.generator";
                    case DECODER -> "luna.tts.decoder";
                })
                .description("One batch run of the " + stage.label() + " stage")
                .publishPercentileHistogram().tag("provider", runtime.activeProvider())
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void queueWait(Stage stage, long nanos) {
        Timer.builder("luna.tts.queue.wait").description("Time an item waited in a stage's queue")
                .publishPercentileHistogram().tag("stage", stage.label())
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void audio(String voice, double audioSeconds) {
        Counter.builder("luna.tts.audio.seconds").description("Seconds of audio synthesized")
                .tag("model", voice).register(registry).increment(audioSeconds);
    }
}
