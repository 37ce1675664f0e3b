package dev.luna.tts.engine.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hand-written probe model is a valid ONNX model that ONNX Runtime loads and runs (y = x + x). */
class ProbeModelTest {

    @Test
    void onnxRuntimeRunsTheProbe() throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(ProbeModel.bytes(), new OrtSession.SessionOptions());
             OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[]{1.5f}), new long[]{1});
             OrtSession.Result r = s.run(Map.of(ProbeModel.INPUT, x))) {
            assertEquals(java.util.List.of(ProbeModel.INPUT), java.util.List.copyOf(s.getInputNames()));
            assertEquals(ProbeModel.OUTPUT, s.getOutputNames().iterator().next());
            assertArrayEquals(new float[]{3.0f}, (float[]) r.get(0).getValue());
        }
    }
}
