import ai.onnxruntime.*;
/**
 * Writes the graph ONNX Runtime actually runs (ALL_OPT, CPU provider) to OUT, to count its nodes.
 *   java -Donnxruntime.native.path=NATIVES -cp ORT_JAR OptimizedGraph.java model.onnx OUT.onnx
 */
public class OptimizedGraph {
  public static void main(String[] a) throws Exception {
    var env = OrtEnvironment.getEnvironment();
    var o = new OrtSession.SessionOptions();
    o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    o.setOptimizedModelFilePath(a[1]);
    long t=System.nanoTime();
    try (var s = env.createSession(a[0], o)) { System.out.println("ok " + (System.nanoTime()-t)/1e6 + " ms"); }
  }
}
