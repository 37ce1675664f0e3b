package dev.luna.tts.service.health;

import dev.luna.tts.service.LifecycleState;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** /q/health/started: UP once the dictionary and every session are loaded (warm-up may still run). */
@Startup
@ApplicationScoped
public class StartedCheck implements HealthCheck {

    private final LifecycleState state;

    public StartedCheck(LifecycleState state) {
        this.state = state;
    }

    @Override
    public HealthCheckResponse call() {
        var b = HealthCheckResponse.named("models-loaded").status(state.loaded()).withData("phase", state.phase().name());
        if (state.failure() != null) {
            b.withData("failure", state.failure());
        }
        return b.build();
    }
}
