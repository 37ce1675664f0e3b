import ai.onnxruntime.*;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import java.nio.*;
import java.nio.channels.FileChannel;
import java.nio.file.*;
import java.util.*;

/**
 * Times creating a CUDA session for an ONNX Runtime-format BERT file (a session cache entry) in several ways, and its
 * first runs. SMALL_ORT: another ORT-format file whose session creates the CUDA context first.
 *   java -cp ORT_JAR BertLoad.java ENTRY.ort SMALL_ORT path,path-nodev,mapped,mapped-direct
 */
public class BertLoad {
  static OrtEnvironment env;
  static OrtSession.SessionOptions opts(boolean devInit, boolean direct) throws Exception {
    var o = new OrtSession.SessionOptions();
    o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
    o.addConfigEntry("session.load_model_format", "ORT");
    if (devInit) o.addConfigEntry("session.use_device_allocator_for_initializers", "1");
    if (direct) { o.addConfigEntry("session.use_ort_model_bytes_directly", "1"); o.addConfigEntry("session.use_ort_model_bytes_for_initializers", "1"); }
    var c = new OrtCUDAProviderOptions(0);
    c.add("cudnn_conv_algo_search", "HEURISTIC"); c.add("arena_extend_strategy", "kSameAsRequested");
    o.addCUDA(c);
    return o;
  }
  static void run(OrtSession s, int len) throws Exception {
    long[] ids = new long[len]; Arrays.fill(ids, 5); ids[0] = 1; ids[len - 1] = 2;
    long[] m = new long[len]; Arrays.fill(m, 1);
    try (var a = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[]{1, len});
         var b = OnnxTensor.createTensor(env, LongBuffer.wrap(m), new long[]{1, len});
         var r = s.run(Map.of("input_ids", a, "attention_mask", b))) { }
  }
  public static void main(String[] a) throws Exception {
    env = OrtEnvironment.getEnvironment();
    Path ort = Path.of(a[0]);
    long t = System.nanoTime();
    try (var warm = env.createSession(a[1], opts(true, false))) { System.out.printf("cuda init + small session %.0f ms%n", (System.nanoTime() - t) / 1e6); }
    for (String mode : a[2].split(",")) {
      t = System.nanoTime();
      OrtSession s;
      FileChannel ch = null;
      if (mode.startsWith("mapped")) {
        ch = FileChannel.open(ort);
        MappedByteBuffer buf = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
        long t1 = System.nanoTime();
        buf.load();
        System.out.printf("  %s: map+load %.0f ms%n", mode, (System.nanoTime() - t1) / 1e6);
        s = env.createSession(buf, opts(true, mode.equals("mapped-direct")));
      } else {
        s = env.createSession(ort.toString(), opts(!mode.equals("path-nodev"), false));
      }
      long created = System.nanoTime();
      run(s, 3); long r1 = System.nanoTime();
      run(s, 40); long r2 = System.nanoTime();
      run(s, 40); long r3 = System.nanoTime();
      System.out.printf("%s: create %.0f ms, first run %.0f ms, new shape %.0f ms, again %.1f ms%n", mode,
          (created - t) / 1e6, (r1 - created) / 1e6, (r2 - r1) / 1e6, (r3 - r2) / 1e6);
      s.close();
      if (ch != null) ch.close();
    }
  }
}
