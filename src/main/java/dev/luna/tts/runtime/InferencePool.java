package dev.luna.tts.runtime;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded inference pool: {@code luna.concurrency} threads run synthesis; admitted requests
 * that do not have a thread yet count as queued, and at most {@code luna.queue-size} may wait.
 */
@ApplicationScoped
public class InferencePool {

    @Inject
    LunaConfig config;
    @Inject
    TtsMetrics metrics;

    private volatile ExecutorService executor;

    public synchronized ExecutorService executor() {
        if (executor == null) {
            AtomicInteger n = new AtomicInteger();
            ThreadFactory tf = r -> {
                Thread t = new Thread(r, "luna-infer-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            executor = Executors.newFixedThreadPool(Math.max(1, config.concurrency()), tf);
        }
        return executor;
    }

    /** Admits a request as queued, or throws {@link OverloadedException} when the queue is full. */
    public Ticket admit() {
        AtomicInteger q = metrics.queued();
        while (true) {
            int now = q.get();
            // requests beyond the free threads wait; allow `concurrency` to start at once plus queue-size waiting
            int busy = metrics.inflight().get();
            int free = Math.max(0, config.concurrency() - busy);
            if (now >= config.queueSize() + free) {
                throw new OverloadedException(config.retryAfterSeconds(),
                        "server busy: " + busy + " request(s) in flight and " + now + " queued");
            }
            if (q.compareAndSet(now, now + 1)) {
                return new Ticket();
            }
        }
    }

    /** One admitted request's place: queued until {@link #start()}, in flight until {@link #end()}. */
    public final class Ticket {
        private final java.util.concurrent.atomic.AtomicInteger state = new AtomicInteger(); // 0 queued, 1 running, 2 done

        public void start() {
            if (state.compareAndSet(0, 1)) {
                metrics.queued().decrementAndGet();
                metrics.inflight().incrementAndGet();
            }
        }

        public void end() {
            int s = state.getAndSet(2);
            if (s == 0) {
                metrics.queued().decrementAndGet();
            } else if (s == 1) {
                metrics.inflight().decrementAndGet();
            }
        }
    }

    @PreDestroy
    void shutdown() throws InterruptedException {
        if (executor != null) {
            executor.shutdown();
            executor.awaitTermination(30, TimeUnit.SECONDS);
        }
    }
}
