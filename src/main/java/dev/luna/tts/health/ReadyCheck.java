package dev.luna.tts.health;

import dev.luna.tts.model.ModelHolder;
import dev.luna.tts.runtime.LifecycleState;
import dev.luna.tts.runtime.OrtRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** /q/health/ready: UP only after every voice is warmed up. */
@Readiness
@ApplicationScoped
public class ReadyCheck implements HealthCheck {

    @Inject
    LifecycleState state;
    @Inject
    ModelHolder models;
    @Inject
    OrtRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("warmed-up").status(state.ready())
                .withData("phase", state.phase().name())
                .withData("voices", models.current().voices().size())
                .withData("provider", runtime.activeProvider())
                .build();
    }
}
