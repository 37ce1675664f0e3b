package dev.luna.tts.engine.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The CUDA-unavailable path on a machine without an NVIDIA GPU: auto falls back to CPU and
 * records why; cuda refuses to start; cpu never tries. (Skipped where a GPU is present.)
 */
class ProviderFallbackTest {

    static Path bert;

    @BeforeAll
    static void noGpu() {
        assumeFalse(Files.exists(Path.of("/dev/nvidia0")), "a GPU is present: the fallback path cannot be exercised");
        bert = Path.of(System.getProperty("lunatest.models", "models")).resolve("bert");
        try (var s = Files.list(bert)) {
            bert = s.filter(Files::isDirectory).findFirst().orElseThrow().resolve("model.onnx");
        } catch (Exception e) {
            throw new IllegalStateException("shipped BERT model missing under " + bert, e);
        }
    }

    static OrtSettings settings(OrtSettings.Provider p, OrtSettings.ExecutionMode mode, boolean shrink) {
        return new OrtSettings(p, OrtSettings.LogLevel.WARNING, 0, "HEURISTIC", "kSameAsRequested",
                java.util.OptionalLong.empty(), shrink, OrtSession.SessionOptions.OptLevel.ALL_OPT, mode,
                OrtSettings.ThreadSpinning.AUTO);
    }

    static OrtRuntime runtime(OrtSettings.Provider p) {
        return new OrtRuntime(settings(p, OrtSettings.ExecutionMode.AUTO, false));
    }

    @Test
    void autoFallsBackToCpuWithAReason() throws Exception {
        OrtRuntime r = runtime(OrtSettings.Provider.AUTO);
        try (OrtSession s = r.createSession(OrtRuntime.SessionSource.file(bert), OrtRuntime.SessionKind.BERT)) {
            assertTrue(s.getInputNames().contains("input_ids"));
        }
        assertEquals("cpu", r.activeProvider());
        assertNotNull(r.fallbackReason());
        // later sessions go straight to CPU
        try (OrtSession s = r.createSession(OrtRuntime.SessionSource.file(bert), OrtRuntime.SessionKind.GENERATOR)) {
            assertEquals("cpu", r.activeProvider());
        }
    }

    @Test
    void providerIsDecidedOnceBeforeAnyModel() throws Exception {
        OrtRuntime r = runtime(OrtSettings.Provider.AUTO);
        assertEquals("none", r.activeProvider());
        assertEquals("cpu", r.decideProvider());
        String reason = r.fallbackReason();
        assertNotNull(reason);
        assertEquals("cpu", r.decideProvider());
        assertEquals(reason, r.fallbackReason());
        assertEquals(false, r.prefersCuda());
    }

    @Test
    void generatorExecutionModeAutoIsParallelOnlyOnCuda() {
        OrtRuntime auto = runtime(OrtSettings.Provider.AUTO);
        assertTrue(auto.generatorRunsParallel(true));
        assertEquals(false, auto.generatorRunsParallel(false));
        OrtRuntime sequential = new OrtRuntime(settings(OrtSettings.Provider.AUTO, OrtSettings.ExecutionMode.SEQUENTIAL,
                false));
        assertEquals(false, sequential.generatorRunsParallel(true));
    }

    @Test
    void threadPoolsSpinOnlyOnCudaUnlessSet() {
        OrtRuntime auto = runtime(OrtSettings.Provider.AUTO);
        assertTrue(auto.threadsSpin(true));
        assertEquals(false, auto.threadsSpin(false));
        for (OrtSettings.ThreadSpinning set : new OrtSettings.ThreadSpinning[] {OrtSettings.ThreadSpinning.ON,
                OrtSettings.ThreadSpinning.OFF}) {
            OrtSettings base = settings(OrtSettings.Provider.CPU, OrtSettings.ExecutionMode.AUTO, false);
            OrtRuntime r = new OrtRuntime(new OrtSettings(base.provider(), base.logLevel(), base.cudaDeviceId(),
                    base.cudnnConvAlgoSearch(), base.arenaExtendStrategy(), base.gpuMemLimit(), base.arenaShrinkage(),
                    base.generatorOptimization(), base.generatorExecutionMode(), set));
            boolean on = set == OrtSettings.ThreadSpinning.ON;
            assertEquals(on, r.threadsSpin(false));
            assertEquals(on, r.threadsSpin(true));
        }
    }

    @Test
    void arenaShrinkageRunsWithItsRunOptions() throws Exception {
        assertEquals(null, runtime(OrtSettings.Provider.CPU).runOptions(), "off by default");
        OrtRuntime r = new OrtRuntime(settings(OrtSettings.Provider.CPU, OrtSettings.ExecutionMode.AUTO, true));
        OrtSession.RunOptions options = r.runOptions();
        assertNotNull(options);
        try (OrtSession s = r.createSession((env, o) -> env.createSession(ProbeModel.bytes(), o), OrtRuntime.SessionKind.BERT)) {
            for (float x : new float[]{1f, 2.5f}) {
                try (ai.onnxruntime.OnnxTensor in = ai.onnxruntime.OnnxTensor.createTensor(r.environment(),
                        java.nio.FloatBuffer.wrap(new float[]{x}), new long[]{1});
                     OrtSession.Result out = s.run(Map.of(ProbeModel.INPUT, in), options)) {
                    assertEquals(2 * x, ((float[]) out.get(0).getValue())[0]);
                }
            }
        }
    }

    @Test
    void cudaOnlyFailsClearly() {
        OrtRuntime r = runtime(OrtSettings.Provider.CUDA);
        OrtException e = assertThrows(OrtException.class,
                () -> r.createSession(OrtRuntime.SessionSource.file(bert), OrtRuntime.SessionKind.BERT));
        assertTrue(e.getMessage().contains("luna.provider=cuda"), e.getMessage());
        assertEquals("none", r.activeProvider());
    }

    @Test
    void cpuNeverTriesCuda() throws Exception {
        OrtRuntime r = runtime(OrtSettings.Provider.CPU);
        try (OrtSession s = r.createSession(OrtRuntime.SessionSource.file(bert), OrtRuntime.SessionKind.BERT)) {
            assertEquals("cpu", r.activeProvider());
        }
        assertEquals(null, r.fallbackReason());
    }
}
