package dev.luna.tts.service;

import dev.luna.tts.engine.onnx.OrtRuntime;
import dev.luna.tts.engine.onnx.OrtSettings;
import dev.luna.tts.engine.onnx.SessionCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.OptionalLong;

/** The one ONNX Runtime environment, configured from {@code luna.*}. */
@ApplicationScoped
public class OrtRuntimeProducer {

    @Produces
    @Singleton
    OrtRuntime runtime(LunaConfig c) {
        return new OrtRuntime(settings(c), new SessionCache(cacheSettings(c)));
    }

    static SessionCache.Settings cacheSettings(LunaConfig c) {
        LunaConfig.SessionCache s = c.sessionCache();
        return new SessionCache.Settings(s.enabled(), Path.of(s.dir()), s.format(), s.fingerprint());
    }

    static OrtSettings settings(LunaConfig c) {
        return new OrtSettings(c.provider(), c.ortLogLevel(), c.cuda().deviceId(), c.cuda().cudnnConvAlgoSearch(),
                c.cuda().arenaExtendStrategy(),
                c.cuda().gpuMemLimit() > 0 ? OptionalLong.of(c.cuda().gpuMemLimit()) : OptionalLong.empty(), c.arenaShrinkage(),
                c.generatorOptimization(), c.generatorExecutionMode(), c.ortThreadSpinning());
    }
}
