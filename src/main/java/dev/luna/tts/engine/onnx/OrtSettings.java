package dev.luna.tts.engine.onnx;

import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

import java.util.Map;
import java.util.OptionalLong;

/**
 * How ONNX Runtime sessions are made (the service fills it from {@code luna.*}).
 *
 * @param gpuMemLimit bytes each CUDA session's arena may hold, or empty for no limit
 */
public record OrtSettings(Provider provider, LogLevel logLevel, int cudaDeviceId, String cudnnConvAlgoSearch,
                          String arenaExtendStrategy, OptionalLong gpuMemLimit, boolean arenaShrinkage,
                          OptLevel generatorOptimization, ExecutionMode generatorExecutionMode,
                          ThreadSpinning threadSpinning, Map<String, String> cudaProviderOptions) {

    public OrtSettings {
        cudaProviderOptions = Map.copyOf(cudaProviderOptions);
    }

    public OrtSettings(Provider provider, LogLevel logLevel, int cudaDeviceId, String cudnnConvAlgoSearch,
                       String arenaExtendStrategy, OptionalLong gpuMemLimit, boolean arenaShrinkage,
                       OptLevel generatorOptimization, ExecutionMode generatorExecutionMode,
                       ThreadSpinning threadSpinning) {
        this(provider, logLevel, cudaDeviceId, cudnnConvAlgoSearch, arenaExtendStrategy, gpuMemLimit, arenaShrinkage,
                generatorOptimization, generatorExecutionMode, threadSpinning, Map.of());
    }

    public enum Provider { AUTO, CUDA, CPU }

    public enum ExecutionMode { AUTO, SEQUENTIAL, PARALLEL }

    /** Whether sessions' thread pools spin after a run: AUTO is off on the CPU, ONNX Runtime's default (on) on CUDA. */
    public enum ThreadSpinning { AUTO, ON, OFF }

    public enum LogLevel {
        VERBOSE, INFO, WARNING, ERROR, FATAL;

        public OrtLoggingLevel ort() {
            return OrtLoggingLevel.valueOf("ORT_LOGGING_LEVEL_" + name());
        }
    }
}
