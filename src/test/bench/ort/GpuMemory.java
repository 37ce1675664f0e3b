import ai.onnxruntime.*;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import java.nio.*;
import java.util.*;
/**
 * Where a voice's device memory goes, step by step, with the service's CUDA options: the GPU's used memory
 * (nvidia-smi, the machine otherwise idle) after the BERT session, its run, the latent session, its run, and each
 * decoder's session and runs; each decoder's best of 20 runs at the service's shape (4 chunks of chunk + 2 margins);
 * with two decoders (float32, then float16), how far the second one's audio is from the first's on the device.
 *   java -Donnxruntime.native.path=NATIVES -cp ORT_JAR GpuMemory.java BERT.onnx LATENT.onnx DECODER.onnx [DECODER2.onnx]
 * (Java 22+: it uses LatentProfile.java's feeds from the same folder.)
 * -Dopts=key=value,... adds CUDA provider options (as luna.cuda.provider-options); -Dcpu=true runs it on the CPU.
 */
public class GpuMemory {
  static OrtEnvironment env;

  public static void main(String[] a) throws Exception {
    env = OrtEnvironment.getEnvironment();
    mem("start");
    List<OrtSession> keep = new ArrayList<>();
    OrtSession bert = session(a[0]); keep.add(bert); mem("BERT session");
    int T = 40;
    Map<String, OnnxTensor> in = new HashMap<>();
    Random r = new Random(1);
    for (String n : bert.getInputNames()) {
      long[] v = new long[T];
      for (int i = 0; i < T; i++) v[i] = n.contains("mask") ? 1 : n.contains("type") ? 0 : 5 + r.nextInt(100);
      in.put(n, OnnxTensor.createTensor(env, LongBuffer.wrap(v), new long[]{1, T}));
    }
    time("BERT run, 40 tokens", bert, in, 20); mem("BERT run");
    OrtSession latent = session(a[1]); keep.add(latent); mem("latent session");
    time("latent run, 40 phones", latent, LatentProfile.feeds(env, T), 20); mem("latent run");
    float[] first = null;
    for (int k = 2; k < a.length; k++) {
      OrtSession dec = session(a[k]); keep.add(dec); mem("decoder session " + a[k]);
      Map<String, String> meta = dec.getMetadata().getCustomMetadata();
      int w = Integer.parseInt(meta.get("luna_chunk_frames")) + 2 * Integer.parseInt(meta.get("luna_margin_frames"));
      int ch = (int) ((TensorInfo) dec.getInputInfo().get("z").getInfo()).getShape()[1];
      int b = 4;
      float[] z = new float[b * ch * w]; Random rz = new Random(3);
      for (int i = 0; i < z.length; i++) z[i] = (float) rz.nextGaussian();
      float[] m = new float[b * w]; Arrays.fill(m, 1f);
      Map<String, OnnxTensor> d = Map.of(
          "z", OnnxTensor.createTensor(env, FloatBuffer.wrap(z), new long[]{b, ch, w}),
          "mask", OnnxTensor.createTensor(env, FloatBuffer.wrap(m), new long[]{b, 1, w}),
          "sid", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[b]), new long[]{b}));
      float[] out = time("decoder run, " + b + " x " + w + " frames", dec, d, 20);
      mem("decoder runs " + a[k]);
      if (first == null) {
        first = out;
      } else {
        double diff = 0, peak = 0;
        for (int i = 0; i < out.length; i++) { diff = Math.max(diff, Math.abs(out[i] - first[i])); peak = Math.max(peak, Math.abs(first[i])); }
        System.out.printf("%s vs %s: max |d| %.3e over %d samples (max |x| %.3f)%n", a[k], a[2], diff, out.length, peak);
      }
    }
    for (OrtSession s : keep) s.close();
  }

  static OrtSession session(String path) throws Exception {
    var o = new OrtSession.SessionOptions();
    o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    var c = new OrtCUDAProviderOptions(0);
    c.add("cudnn_conv_algo_search", "HEURISTIC");
    c.add("arena_extend_strategy", "kSameAsRequested");
    c.add("gpu_mem_limit", "4294967296");
    for (String kv : System.getProperty("opts", "").split(",")) {
      if (!kv.isBlank()) c.add(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
    }
    if (!Boolean.getBoolean("cpu")) o.addCUDA(c);
    o.addConfigEntry("session.use_device_allocator_for_initializers", "1");
    long t = System.nanoTime();
    OrtSession s = env.createSession(path, o);
    System.out.printf("created %s in %.0f ms%n", path, (System.nanoTime() - t) / 1e6);
    return s;
  }

  /** Best of n runs; returns the first output's values of the last run. */
  static float[] time(String label, OrtSession s, Map<String, OnnxTensor> in, int n) throws OrtException {
    long best = Long.MAX_VALUE;
    float[] out = null;
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      try (var res = s.run(in)) {
        best = Math.min(best, System.nanoTime() - t);
        if (i == n - 1 && res.get(0) instanceof OnnxTensor o && o.getInfo().type == OnnxJavaType.FLOAT) {
          FloatBuffer fb = o.getFloatBuffer(); out = new float[fb.remaining()]; fb.get(out);
        }
      }
    }
    System.out.printf("%s: best of %d %.2f ms%n", label, n, best / 1e6);
    return out;
  }

  static void mem(String step) throws Exception {
    String used;
    try {
      Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=memory.used", "--format=csv,noheader,nounits")
          .redirectErrorStream(true).start();
      used = new String(p.getInputStream().readAllBytes()).strip();
      p.waitFor();
    } catch (java.io.IOException e) {
      used = "(no nvidia-smi)";
    }
    System.out.printf("MEM %-60s %s MiB%n", step, used);
  }
}
