package dev.luna.tts.runtime;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;

/** LunaConfig instances for plain unit tests: the given values, else the documented defaults. */
final class TestConfigs {

    private TestConfigs() {
    }

    static LunaConfig config(Map<String, Object> values) {
        LunaConfig.Cuda cuda = (LunaConfig.Cuda) Proxy.newProxyInstance(LunaConfig.class.getClassLoader(),
                new Class<?>[]{LunaConfig.Cuda.class}, (p, m, a) -> switch (m.getName()) {
                    case "deviceId" -> 0;
                    case "cudnnConvAlgoSearch" -> "HEURISTIC";
                    case "arenaExtendStrategy" -> "kSameAsRequested";
                    case "gpuMemLimit" -> Optional.empty();
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return (LunaConfig) Proxy.newProxyInstance(LunaConfig.class.getClassLoader(), new Class<?>[]{LunaConfig.class},
                (p, m, a) -> {
                    if (values.containsKey(m.getName())) {
                        return values.get(m.getName());
                    }
                    return switch (m.getName()) {
                        case "provider" -> LunaConfig.Provider.AUTO;
                        case "cuda" -> cuda;
                        case "concurrency" -> 2;
                        case "queueSize" -> 16;
                        case "retryAfterSeconds" -> 1;
                        case "generatorOptimization" -> ai.onnxruntime.OrtSession.SessionOptions.OptLevel.ALL_OPT;
                        case "loadThreads" -> 4;
                        case "generatorExecutionMode" -> LunaConfig.ExecutionMode.AUTO;
                        case "arenaShrinkage" -> false;
                        case "ortLogLevel" -> LunaConfig.OrtLogLevel.WARNING;
                        default -> throw new UnsupportedOperationException(m.getName());
                    };
                });
    }
}
