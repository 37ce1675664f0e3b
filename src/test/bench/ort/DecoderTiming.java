import ai.onnxruntime.*;
import java.nio.*;
import java.util.*;
/**
 * Best of 6 runs of a voice's decoder graph (batch 1) for each window width W in frames.
 *   java -Donnxruntime.native.path=NATIVES -cp ORT_JAR DecoderTiming.java model.decoder.onnx 30,44,140
 */
public class DecoderTiming {
  public static void main(String[] a) throws Exception {
    var env = OrtEnvironment.getEnvironment();
    var o = new OrtSession.SessionOptions();
    o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    try (var s = env.createSession(a[0], o)) {
      int ch = (int) ((TensorInfo) s.getInputInfo().get("z").getInfo()).getShape()[1];
      for (String ws : a[1].split(",")) {
        int W = Integer.parseInt(ws);
        float[] z = new float[ch * W]; Random r = new Random(1); for (int i = 0; i < z.length; i++) z[i] = (float) r.nextGaussian();
        float[] m = new float[W]; Arrays.fill(m, 1f);
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
          try (var zt = OnnxTensor.createTensor(env, FloatBuffer.wrap(z), new long[]{1, ch, W});
               var mt = OnnxTensor.createTensor(env, FloatBuffer.wrap(m), new long[]{1, 1, W});
               var st = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[]{0}), new long[]{1})) {
            long t = System.nanoTime();
            try (var res = s.run(Map.of("z", zt, "mask", mt, "sid", st))) { }
            best = Math.min(best, System.nanoTime() - t);
          }
        }
        System.out.printf("W=%d best %.1f ms%n", W, best / 1e6);
      }
    }
  }
}
