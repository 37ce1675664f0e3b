import ai.onnxruntime.*;
/**
 * Writes the graph ONNX Runtime actually runs (ALL_OPT, CPU provider) to OUT, to count its nodes; NAME=VALUE arguments
 * after OUT fix free dimensions first (ONNX Runtime's overrides, as the service's fixed-shape latent sessions do).
 *   java -Donnxruntime.native.path=NATIVES -cp ORT_JAR OptimizedGraph.java model.onnx OUT.onnx [batch_size=2 ...]
 */
public class OptimizedGraph {
  public static void main(String[] a) throws Exception {
    var env = OrtEnvironment.getEnvironment();
    var o = new OrtSession.SessionOptions();
    o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    o.setOptimizedModelFilePath(a[1]);
    for (int i = 2; i < a.length; i++) {
      o.setSymbolicDimensionValue(a[i].substring(0, a[i].indexOf('=')), Long.parseLong(a[i].substring(a[i].indexOf('=') + 1)));
    }
    long t=System.nanoTime();
    try (var s = env.createSession(a[0], o)) { System.out.println("ok " + (System.nanoTime()-t)/1e6 + " ms"); }
  }
}
