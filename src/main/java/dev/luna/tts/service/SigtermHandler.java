package dev.luna.tts.service;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import sun.misc.Signal;

/**
 * SIGTERM starts Quarkus's graceful shutdown from here instead of from the JVM's shutdown hooks. ONNX Runtime's Java
 * API registers a shutdown hook that releases its native environment; the JVM runs all hooks at once, so on a plain
 * SIGTERM that hook freed the environment under the in-flight inference Quarkus was still draining and the process
 * crashed in native code. Handled here, the drain (readiness DOWN, 503s, in-flight streams to their end) completes
 * first; only then does the JVM exit and run the hooks.
 */
@ApplicationScoped
public class SigtermHandler {

    private static final Logger LOG = Logger.getLogger(SigtermHandler.class);

    void install(@Observes StartupEvent event) {
        try {
            Signal.handle(new Signal("TERM"), s -> {
                LOG.info("SIGTERM: graceful shutdown");
                Quarkus.asyncExit(0);
            });
        } catch (IllegalArgumentException e) {
            LOG.warnf("Cannot handle SIGTERM here (%s): shutdown relies on the JVM's hooks", e.getMessage());
        }
    }
}
