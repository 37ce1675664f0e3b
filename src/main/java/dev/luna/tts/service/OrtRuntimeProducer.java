package dev.luna.tts.service;

import dev.luna.tts.engine.onnx.OrtRuntime;
import dev.luna.tts.engine.onnx.OrtSettings;
import dev.luna.tts.engine.onnx.SessionCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
                c.generatorOptimization(), c.generatorExecutionMode(), c.ortThreadSpinning(),
                providerOptions(c.cuda().providerOptions().orElse(List.of())));
    }

    /** The {@code key=value} entries of luna.cuda.provider-options. */
    static Map<String, String> providerOptions(List<String> entries) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String e : entries) {
            int eq = e.indexOf('=');
            if (eq <= 0 || eq == e.length() - 1) {
                throw new IllegalArgumentException("luna.cuda.provider-options: \"" + e + "\" is not key=value");
            }
            out.put(e.substring(0, eq).strip(), e.substring(eq + 1).strip());
        }
        return out;
    }
}
