package dev.luna.tts.service.health;

import dev.luna.tts.service.ModelRegistry;
import dev.luna.tts.service.LifecycleState;
import dev.luna.tts.engine.onnx.OrtRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** /q/health/ready: UP only after every voice is warmed up. */
@Readiness
@ApplicationScoped
public class ReadyCheck implements HealthCheck {

    private final LifecycleState state;
    private final ModelRegistry models;
    private final OrtRuntime runtime;

    public ReadyCheck(LifecycleState state, ModelRegistry models, OrtRuntime runtime) {
        this.state = state;
        this.models = models;
        this.runtime = runtime;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("warmed-up").status(state.ready())
                .withData("phase", state.isDraining() ? "SHUTTING_DOWN" : state.phase().name())
                .withData("voices", models.current().voices().size())
                .withData("provider", runtime.activeProvider())
                .build();
    }
}
