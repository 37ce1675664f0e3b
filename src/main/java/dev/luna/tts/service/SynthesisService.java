package dev.luna.tts.service;

import dev.luna.tts.engine.SynthesisRequest;
import dev.luna.tts.engine.TtsException;
import dev.luna.tts.engine.Utterance;
import dev.luna.tts.engine.UtterancePlanner;
import dev.luna.tts.engine.batch.BatchOptions;
import dev.luna.tts.engine.batch.BatchScheduler;
import dev.luna.tts.engine.batch.SynthesisRun;
import dev.luna.tts.engine.bert.BertModel;
import dev.luna.tts.engine.model.ModelSet;
import dev.luna.tts.text.TextFrontend;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The request path, top to bottom: {@link #accept} validates and plans the utterance and admits it (every refusal
 * happens here, before a status line is sent); {@link #stream} runs it through the batching scheduler and emits its
 * audio in order; {@link #collect} is the same for a complete response. Every endpoint and the warm-up use it.
 */
@ApplicationScoped
public class SynthesisService {

    private static final Logger LOG = Logger.getLogger(SynthesisService.class);
    /** The CPU default of luna.streaming.first-chunk-frames (BENCHMARKS.md, full-size voice on 2 cores). */
    static final int CPU_FIRST_CHUNK_FRAMES = 16;

    /**
     * Seconds an accepted request may wait for its response to start streaming it. The HTTP layer drops a response
     * whose connection closed while its resource method ran without ever subscribing to it; past this delay such a
     * request is released (admission, voice lease) instead of holding its pieces for good.
     */
    static final long UNCLAIMED_SECONDS = 10;

    /** A request that passed validation and admission; {@link #stream} it exactly once, or {@link #abandon} it. */
    public record Accepted(Utterance utterance, Admission.Ticket ticket, BertModel bert, String endpoint,
                           long startNanos, String requestId, Claim claim) {
        public int sampleRate() {
            return utterance.sampleRate();
        }
    }

    /** Who owns an accepted request: its stream or {@link #abandon}, whichever comes first, or else the timer. */
    public static final class Claim {
        private final AtomicBoolean taken = new AtomicBoolean();
        private volatile ScheduledFuture<?> timer;

        /** True for the first caller only; that caller releases the request. */
        boolean take() {
            if (!taken.compareAndSet(false, true)) {
                return false;
            }
            ScheduledFuture<?> t = timer;
            if (t != null) {
                t.cancel(false);
            }
            return true;
        }
    }

    /** See {@link LunaConfig.Batch#decoderWorkers()}. */
    static final int CUDA_DECODER_WORKERS = 2;

    private final LunaConfig config;
    private final ModelRegistry models;
    private final Admission admission;
    private final TtsMetrics metrics;
    private final UtterancePlanner planner;
    private final BatchScheduler scheduler;
    private final ScheduledThreadPoolExecutor unclaimed = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "luna-unclaimed");
        t.setDaemon(true);
        return t;
    });

    public SynthesisService(LunaConfig config, TextFrontend frontend, ModelRegistry models, Admission admission,
                            TtsMetrics metrics) {
        this.config = config;
        this.models = models;
        this.admission = admission;
        this.metrics = metrics;
        this.planner = new UtterancePlanner(frontend, new UtterancePlanner.Limits(config.maxTextLength(),
                config.splitMaxChars(), Math.min(config.maxPieceChars(), UtterancePlanner.Limits.BERT_MAX_CHARS),
                config.maxSilenceSeconds()));
        if (config.streaming().firstChunkFrames().orElse(0) < 0) {
            throw new IllegalArgumentException("luna.streaming.first-chunk-frames must be 0 or more, not "
                    + config.streaming().firstChunkFrames().get());
        }
        LunaConfig.Batch b = config.batch();
        this.scheduler = new BatchScheduler(new BatchOptions(b.maxSize(), b.maxWait(), b.maxPaddedLength(),
                b.maxLengthRatio(), b.workers(), b.lookahead(),
                b.decoderWorkers().orElseGet(() -> models.decidesCuda() ? CUDA_DECODER_WORKERS : b.workers())), metrics);
        unclaimed.setRemoveOnCancelPolicy(true);
    }

    /**
     * Validates, runs the text frontend and admits the request.
     *
     * @throws TtsException for anything wrong with the request, or when it cannot be served now
     */
    public Accepted accept(SynthesisRequest request, String endpoint) {
        return accept(models.current(), request, endpoint, true);
    }

    /** {@link #accept} for the service's own work (warm-up): not subject to, nor counted in, admission. */
    public Accepted acceptInternal(SynthesisRequest request, String endpoint) {
        return accept(models.current(), request, endpoint, false);
    }

    /** {@link #acceptInternal(SynthesisRequest, String)} against a given model set (warm-up of voices not served yet). */
    public Accepted acceptInternal(ModelSet set, SynthesisRequest request, String endpoint) {
        return accept(set, request, endpoint, false);
    }

    private Accepted accept(ModelSet set, SynthesisRequest request, String endpoint, boolean admit) {
        long t0 = System.nanoTime();
        if (admit) {
            admission.refuseIfFull();
        }
        Utterance u = planner.plan(set, request);
        try {
            Admission.Ticket ticket = admit ? admission.admit(u.pieces().size()) : admission.internal();
            Accepted a = new Accepted(u, ticket, set.bert(), endpoint, t0, UUID.randomUUID().toString().substring(0, 8),
                    new Claim());
            if (admit) {
                a.claim().timer = unclaimed.schedule(() -> releaseUnclaimed(a), UNCLAIMED_SECONDS, TimeUnit.SECONDS);
            }
            return a;
        } catch (RuntimeException e) {
            u.close();
            throw e;
        }
    }

    /**
     * The utterance's audio (float, [-1, 1], silence between lines included) as it is synthesized. Cancelling the
     * subscription (client gone) stops it before the next piece; termination releases the voice and the admission.
     */
    public Multi<float[]> stream(Accepted a) {
        Utterance u = a.utterance();
        AtomicBoolean first = new AtomicBoolean(true);
        AtomicLong samples = new AtomicLong();
        return Multi.createFrom().<float[]>emitter(em -> {
            if (!a.claim().take()) {
                em.fail(new IllegalStateException("request " + a.requestId() + " was already streamed or released"));
                return;
            }
            SynthesisRun run = new SynthesisRun(u, a.bert(), scheduler, firstChunkFrames(), new SynthesisRun.Sink() {
                @Override
                public void audio(Utterance.Piece piece, float[] audio) {
                    a.ticket().pieceDone();
                    if (first.compareAndSet(true, false)) {
                        metrics.timeToFirstAudio(a.endpoint(), System.nanoTime() - a.startNanos());
                    }
                    samples.addAndGet(audio.length);
                    em.emit(audio);
                }

                @Override
                public void complete() {
                    em.complete();
                }

                @Override
                public void fail(Throwable error) {
                    em.fail(error);
                }
            });
            em.onTermination(run::cancel);
            run.start();
        }).onTermination().invoke((failure, cancelled) -> {
            release(a);
            long nanos = System.nanoTime() - a.startNanos();
            String outcome = cancelled ? "cancelled" : failure != null ? "error" : "ok";
            if (failure != null) {
                LOG.errorf(failure, "Request %s: synthesis failed for voice %s", a.requestId(), u.voice().name());
            }
            metrics.request(a.endpoint(), outcome, nanos);
            metrics.realTimeFactor(u.voice().name(), nanos, samples.get() / (double) u.sampleRate());
        });
    }

    /**
     * The whole utterance as one array, at most {@code luna.max-audio-seconds}, when it is done. Cancelling the
     * subscription (client gone) stops synthesis before the next piece, as for a stream.
     *
     * @return fails with {@link TtsException.Kind#TOO_LONG} when the audio would exceed that bound (synthesis stops
     * there)
     */
    public Uni<float[]> complete(Accepted a) {
        long max = (long) (config.maxAudioSeconds() * a.sampleRate());
        AtomicLong total = new AtomicLong();
        return stream(a).onItem().invoke(p -> {
            if (total.addAndGet(p.length) > max) {
                throw new TtsException(TtsException.Kind.TOO_LONG, "text", "the audio for this text is longer than "
                        + config.maxAudioSeconds() + " s, the most one complete response may hold; use the"
                        + " streamed /synthesize");
            }
        }).collect().asList().map(parts -> {
            float[] out = new float[(int) total.get()];
            int at = 0;
            for (float[] p : parts) {
                System.arraycopy(p, 0, out, at, p.length);
                at += p.length;
            }
            return out;
        });
    }

    /** {@link #complete} on the calling thread (blocks it). */
    public float[] collect(Accepted a) {
        return complete(a).await().indefinitely();
    }

    /** Releases an accepted request that will not be streamed (the response failed before it started). */
    public void abandon(Accepted a) {
        if (a.claim().take()) {
            release(a);
        }
    }

    /** Gives the voice lease and the admitted pieces back (each at most once). */
    private static void release(Accepted a) {
        a.utterance().close();
        a.ticket().close();
    }

    private void releaseUnclaimed(Accepted a) {
        if (a.claim().take()) {
            release(a);
            LOG.debugf("Request %s: its response never started (the client closed the connection first); released",
                    a.requestId());
            metrics.request(a.endpoint(), "cancelled", System.nanoTime() - a.startNanos());
        }
    }

    /** luna.streaming.first-chunk-frames, or its default for the provider in use. */
    int firstChunkFrames() {
        return config.streaming().firstChunkFrames().orElse(models.prefersCuda() ? 0 : CPU_FIRST_CHUNK_FRAMES);
    }

    public Admission admission() {
        return admission;
    }

    public BatchScheduler scheduler() {
        return scheduler;
    }

    @PreDestroy
    void close() {
        unclaimed.shutdownNow();
        scheduler.close();
    }
}
