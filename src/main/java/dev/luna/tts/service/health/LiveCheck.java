package dev.luna.tts.service.health;

import dev.luna.tts.service.LifecycleState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** /q/health/live: the process works; independent of warm-up, DOWN only when start-up failed. */
@Liveness
@ApplicationScoped
public class LiveCheck implements HealthCheck {

    private final LifecycleState state;

    public LiveCheck(LifecycleState state) {
        this.state = state;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("alive").status(state.phase() != LifecycleState.Phase.FAILED).build();
    }
}
