package dev.luna.tts.service;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * SIGTERM, as Kubernetes sends it after the preStop hook: Quarkus starts its shutdown delay
 * ({@code quarkus.shutdown.delay-enabled}) and fires {@link ShutdownDelayInitiatedEvent} at once. From then on
 * readiness is DOWN and new synthesis requests get 503 + Retry-After + Connection: close, while admitted requests
 * stream to their end (Quarkus waits for them up to {@code quarkus.shutdown.timeout}); liveness stays UP.
 */
@ApplicationScoped
public class ShutdownDrain {

    private static final Logger LOG = Logger.getLogger(ShutdownDrain.class);

    private final Admission admission;
    private final LifecycleState state;

    public ShutdownDrain(Admission admission, LifecycleState state) {
        this.admission = admission;
        this.state = state;
    }

    void onShutdown(@Observes ShutdownDelayInitiatedEvent event) {
        state.draining();
        admission.drain();
        LOG.infof("Shutting down: readiness DOWN, new requests refused; %d admitted request(s) finish",
                admission.waitingRequests() + admission.producingRequests());
    }
}
