import ai.onnxruntime.*;
import java.nio.*;
import java.util.*;
/**
 * Runs a voice's latent graph 30 times at one shape (T phones, random ids and BERT features, zero noise) and prints
 * the best run time; with a fourth argument, ONNX Runtime's profiler writes per-node times there
 * (summarize with profile-summary.py). Usage (ORT_JAR = the onnxruntime jar or its classes):
 *   java -Donnxruntime.native.path=NATIVES -cp ORT_JAR LatentProfile.java model.latent.onnx T cpu|cuda [PROFILE_PREFIX]
 */
public class LatentProfile {
  public static void main(String[] a) throws Exception {
    var env = OrtEnvironment.getEnvironment();
    var o = new OrtSession.SessionOptions();
    o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    int T = Integer.parseInt(a[1]);
    boolean cuda = a[2].equals("cuda");
    if (cuda) { var c = new ai.onnxruntime.providers.OrtCUDAProviderOptions(0); c.add("cudnn_conv_algo_search", "HEURISTIC"); o.addCUDA(c); }
    if (a.length > 3) o.enableProfiling(a[3]);
    try (var s = env.createSession(a[0], o)) {
      Map<String, OnnxTensor> in = feeds(env, T);
      long best = Long.MAX_VALUE;
      for (int i = 0; i < 30; i++) {
        long t = System.nanoTime();
        try (var res = s.run(in)) { if (i == 0) System.out.println(Arrays.toString(((OnnxTensor) res.get(0)).getInfo().getShape())); }
        best = Math.min(best, System.nanoTime() - t);
      }
      System.out.println("best ms " + best / 1e6);
      if (a.length > 3) System.out.println(s.endProfiling());
    }
  }

  /** One piece of T phones: random ids, tones and BERT features (seeded), zero noise, length scale 1. */
  static Map<String, OnnxTensor> feeds(OrtEnvironment env, int T) throws OrtException {
    Random r = new Random(1);
    long[] x = new long[T], tone = new long[T], lang = new long[T];
    for (int i = 0; i < T; i++) { x[i] = 1 + r.nextInt(100); tone[i] = 6 + r.nextInt(2); lang[i] = 1; }
    float[] bert = new float[1024 * T]; for (int i = 0; i < bert.length; i++) bert[i] = (float) r.nextGaussian() * 0.1f;
    float[] sv = new float[256]; for (int i = 0; i < 256; i++) sv[i] = (float) r.nextGaussian() * 0.1f;
    Map<String, OnnxTensor> in = new HashMap<>();
    in.put("x_tst", OnnxTensor.createTensor(env, LongBuffer.wrap(x), new long[]{1, T}));
    in.put("x_tst_lengths", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[]{T}), new long[]{1}));
    in.put("sid", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[]{0}), new long[]{1}));
    in.put("tones", OnnxTensor.createTensor(env, LongBuffer.wrap(tone), new long[]{1, T}));
    in.put("language", OnnxTensor.createTensor(env, LongBuffer.wrap(lang), new long[]{1, T}));
    in.put("bert", OnnxTensor.createTensor(env, FloatBuffer.wrap(bert), new long[]{1, 1024, T}));
    in.put("style_vec", OnnxTensor.createTensor(env, FloatBuffer.wrap(sv), new long[]{1, 256}));
    for (String k : List.of("length_scale", "sdp_ratio", "noise_scale", "noise_scale_w"))
      in.put(k, OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[]{k.equals("length_scale") ? 1f : 0f}), new long[]{}));
    return in;
  }
}
