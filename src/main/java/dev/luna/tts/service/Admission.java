package dev.luna.tts.service;

import dev.luna.tts.engine.TtsException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission by pieces: a request is admitted while the pieces already admitted and not yet synthesized, plus its
 * own, stay within {@code luna.admission.max-pieces}; otherwise it gets 503 + Retry-After at once. Bounding the
 * work ahead of a new request bounds its wait, whatever the mix of short and long requests. The state lives here;
 * the metrics read it.
 */
@ApplicationScoped
public class Admission {

    private final LunaConfig config;
    private final ModelRegistry models;
    private final AtomicInteger pieces = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger producing = new AtomicInteger();
    private volatile boolean draining;

    public Admission(LunaConfig config, ModelRegistry models) {
        this.config = config;
        this.models = models;
    }

    public int maxPieces() {
        return config.admission().maxPieces().orElse(models.prefersCuda() ? 256 : 4);
    }

    /** Pieces admitted and not yet synthesized. */
    public int pieces() {
        return pieces.get();
    }

    /** Admitted requests that have not produced audio yet. */
    public int waitingRequests() {
        return waiting.get();
    }

    /** Admitted requests producing audio. */
    public int producingRequests() {
        return producing.get();
    }

    /** From SIGTERM on, new requests are refused (in-flight ones finish). */
    public void drain() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    /**
     * Refuses at once, before the text frontend runs, when nothing more can be admitted: under overload the refused
     * requests must cost next to nothing, or they take the CPU from the admitted ones.
     */
    public void refuseIfFull() {
        int now = pieces.get();
        if (!draining && now > 0 && now >= maxPieces()) {
            throw new TtsException(TtsException.Kind.OVERLOADED, null, "server busy: " + now
                    + " sentence(s) ahead; retry later", config.retryAfterSeconds());
        }
    }

    /** Admits a request of {@code n} pieces or throws {@link TtsException.Kind#OVERLOADED}. */
    public Ticket admit(int n) {
        if (draining) {
            throw new TtsException(TtsException.Kind.UNAVAILABLE, null, "the service is shutting down",
                    config.retryAfterSeconds());
        }
        int max = maxPieces();
        while (true) {
            int now = pieces.get();
            if (now > 0 && now + n > max) {
                throw new TtsException(TtsException.Kind.OVERLOADED, null, "server busy: " + now
                        + " sentence(s) ahead; retry later", config.retryAfterSeconds());
            }
            if (pieces.compareAndSet(now, now + n)) {
                waiting.incrementAndGet();
                return new Ticket(n);
            }
        }
    }

    /**
     * A ticket that counts nothing: internal work (warm-up of a voice added by a refresh) must not be refused by
     * client load, nor be counted as client load.
     */
    public Ticket internal() {
        return new Ticket(0, false);
    }

    /** One admitted request's share: its pieces are given back as they finish, the rest on {@link #close()}. */
    public final class Ticket implements AutoCloseable {
        private final boolean counted;
        private int left;
        private boolean started;
        private boolean closed;

        private Ticket(int n) {
            this(n, true);
        }

        private Ticket(int n, boolean counted) {
            this.left = n;
            this.counted = counted;
            this.closed = !counted;
        }

        /** A piece is synthesized. */
        public synchronized void pieceDone() {
            if (closed || left == 0) {
                return;
            }
            left--;
            pieces.decrementAndGet();
            if (!started) {
                started = true;
                waiting.decrementAndGet();
                producing.incrementAndGet();
            }
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            pieces.addAndGet(-left);
            left = 0;
            (started ? producing : waiting).decrementAndGet();
        }
    }
}
