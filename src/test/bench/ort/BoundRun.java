import ai.onnxruntime.*;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;

import java.lang.foreign.*;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.*;

import static java.lang.foreign.ValueLayout.*;

/**
 * A BERT graph run through ONNX Runtime's IOBinding (the C API, through the FFM API: the Java API has no IOBinding),
 * with inputs and outputs at fixed addresses, so that on CUDA the run can be a CUDA graph (`-Dgraph=true`: ONNX
 * Runtime's enable_cuda_graph, which needs every node on the CUDA provider, hence static input shapes). Prints the
 * best of N runs for the plain Java run and for the bound run, and the largest difference between their outputs.
 *   java -cp ORT_CLASSES BoundRun.java BERT.onnx TOKENS [N]         (Java 22+; natives from -Donnxruntime.native.path)
 * -Dcuda=true runs on CUDA (libcudart.so.12 on the library path), -Dgraph=true also captures a CUDA graph.
 * The OrtApi indices below are the members' positions in onnxruntime_c_api.h's struct OrtApi (ORT_API_VERSION 29;
 * the struct only grows at its end).
 */
public class BoundRun {
    static final int API_VERSION = 29;
    static final int CREATE_RUN_OPTIONS = 39, CREATE_TENSOR_AS_ORT_VALUE = 48, CREATE_TENSOR_WITH_DATA = 49,
            GET_TENSOR_MUTABLE_DATA = 51, CREATE_MEMORY_INFO = 68, CREATE_ALLOCATOR = 131, RUN_WITH_BINDING = 133,
            CREATE_IO_BINDING = 134, BIND_INPUT = 136, BIND_OUTPUT = 137, GET_ERROR_MESSAGE = 2,
            ADD_RUN_CONFIG_ENTRY = 165;
    static final int FLOAT = 1, INT64 = 7, FLOAT16 = 10;

    static final Linker LINKER = Linker.nativeLinker();
    static final Arena ARENA = Arena.global();
    static MemorySegment api;

    static MethodHandle fn(int index, FunctionDescriptor d) {
        MemorySegment p = api.getAtIndex(ADDRESS, index);
        return LINKER.downcallHandle(p, d);
    }

    static void check(Object status) throws Throwable {
        MemorySegment s = (MemorySegment) status;
        if (!s.equals(MemorySegment.NULL)) {
            MemorySegment m = (MemorySegment) fn(GET_ERROR_MESSAGE, FunctionDescriptor.of(ADDRESS, ADDRESS)).invoke(s);
            throw new IllegalStateException(m.reinterpret(4096).getString(0));
        }
    }

    static long handle(Object o) throws Exception {
        var f = o.getClass().getDeclaredField("nativeHandle");
        f.setAccessible(true);
        return f.getLong(o);
    }

    public static void main(String[] a) throws Throwable {
        boolean cuda = Boolean.getBoolean("cuda"), graph = Boolean.getBoolean("graph");
        int tokens = Integer.parseInt(a[1]), n = a.length > 2 ? Integer.parseInt(a[2]) : 20;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        SymbolLookup ort = SymbolLookup.libraryLookup(
                Path.of(System.getProperty("onnxruntime.native.path"), "libonnxruntime.so"), ARENA);
        MemorySegment base = (MemorySegment) LINKER.downcallHandle(ort.find("OrtGetApiBase").orElseThrow(),
                FunctionDescriptor.of(ADDRESS)).invoke();
        base = base.reinterpret(16);
        MemorySegment getApi = base.get(ADDRESS, 0);
        api = ((MemorySegment) LINKER.downcallHandle(getApi, FunctionDescriptor.of(ADDRESS, JAVA_INT))
                .invoke(API_VERSION)).reinterpret(8L * 512);

        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        if (cuda) {
            OrtCUDAProviderOptions c = new OrtCUDAProviderOptions(0);
            c.add("cudnn_conv_algo_search", "HEURISTIC");
            if (graph) {
                c.add("enable_cuda_graph", "1");
            }
            so.addCUDA(c);
        }
        long t0 = System.nanoTime();
        OrtSession s = env.createSession(a[0], so);
        System.out.printf("session %d ms, inputs %s, outputs %s%n", (System.nanoTime() - t0) / 1_000_000,
                s.getInputNames(), s.getOutputNames());

        // the inputs: token ids 5.., mask 1, type 0; shape [1, tokens]
        Map<String, long[]> host = new LinkedHashMap<>();
        Random r = new Random(1);
        for (String name : s.getInputNames()) {
            long[] v = new long[tokens];
            for (int i = 0; i < tokens; i++) {
                v[i] = name.contains("mask") ? 1 : name.contains("type") ? 0 : 5 + r.nextInt(100);
            }
            host.put(name, v);
        }
        String outName = s.getOutputNames().iterator().next();

        // the plain Java run: reference output and timing
        Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
        for (var e : host.entrySet()) {
            feeds.put(e.getKey(), OnnxTensor.createTensor(env, java.nio.LongBuffer.wrap(e.getValue()), new long[]{1, tokens}));
        }
        float[] want = null;
        long[] outShape = null;
        double best = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            try (OrtSession.Result res = s.run(feeds, Set.of(outName))) {
                OnnxTensor o = (OnnxTensor) res.get(0);
                best = Math.min(best, (System.nanoTime() - t) / 1e6);
                if (want == null) {
                    outShape = o.getInfo().getShape();
                    want = toFloats(o);
                }
            }
        }
        System.out.printf("Java run: best of %d %.2f ms, output %s%n", n, best, Arrays.toString(outShape));

        // the bound run: device (or host) tensors at fixed addresses
        MemorySegment sessionPtr = MemorySegment.ofAddress(handle(s));
        MemorySegment out = ARENA.allocate(ADDRESS);
        check(fn(CREATE_MEMORY_INFO, FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS))
                .invoke(ARENA.allocateFrom(cuda ? "Cuda" : "Cpu"), 0, 0, 0, out));
        MemorySegment memInfo = out.get(ADDRESS, 0);
        check(fn(CREATE_ALLOCATOR, FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS))
                .invoke(sessionPtr, memInfo, out));
        MemorySegment allocator = out.get(ADDRESS, 0);
        check(fn(CREATE_IO_BINDING, FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS)).invoke(sessionPtr, out));
        MemorySegment binding = out.get(ADDRESS, 0);
        MethodHandle createTensor = fn(CREATE_TENSOR_AS_ORT_VALUE,
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS));
        MethodHandle data = fn(GET_TENSOR_MUTABLE_DATA, FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        MethodHandle bindIn = fn(BIND_INPUT, FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        MethodHandle bindOut = fn(BIND_OUTPUT, FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        Copier copy = cuda ? new CudaCopier() : new HostCopier();
        for (var e : host.entrySet()) {
            MemorySegment shape = ARENA.allocateFrom(JAVA_LONG, 1, tokens);
            check(createTensor.invoke(allocator, shape, 2L, INT64, out));
            MemorySegment value = out.get(ADDRESS, 0);
            check(data.invoke(value, out));
            copy.toTensor(out.get(ADDRESS, 0), ARENA.allocateFrom(JAVA_LONG, e.getValue()), 8L * tokens);
            check(bindIn.invoke(binding, ARENA.allocateFrom(e.getKey()), value));
        }
        int outType = ((TensorInfo) s.getOutputInfo().get(outName).getInfo()).type == OnnxJavaType.FLOAT16 ? FLOAT16 : FLOAT;
        long count = Arrays.stream(outShape).reduce(1, (x, y) -> x * y);
        check(createTensor.invoke(allocator, ARENA.allocateFrom(JAVA_LONG, outShape), (long) outShape.length,
                outType, out));
        MemorySegment outValue = out.get(ADDRESS, 0);
        check(data.invoke(outValue, out));
        MemorySegment outData = out.get(ADDRESS, 0);
        check(bindOut.invoke(binding, ARENA.allocateFrom(outName), outValue));
        check(fn(CREATE_RUN_OPTIONS, FunctionDescriptor.of(ADDRESS, ADDRESS)).invoke(out));
        MemorySegment runOptions = out.get(ADDRESS, 0);
        if (graph) {
            check(fn(ADD_RUN_CONFIG_ENTRY, FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS))
                    .invoke(runOptions, ARENA.allocateFrom("gpu_graph_id"), ARENA.allocateFrom("1")));
        }
        MethodHandle run = fn(RUN_WITH_BINDING, FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        int bytes = outType == FLOAT16 ? 2 : 4;
        MemorySegment back = ARENA.allocate(count * bytes);
        best = Double.MAX_VALUE;
        double first = 0;
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            check(run.invoke(sessionPtr, runOptions, binding));
            copy.fromTensor(back, outData, count * bytes);   // synchronizes (cudaMemcpy), so the time is the whole run
            double ms = (System.nanoTime() - t) / 1e6;
            if (i == 0) {
                first = ms;
            }
            best = Math.min(best, ms);
        }
        float[] got = new float[(int) count];
        for (int i = 0; i < count; i++) {
            got[i] = bytes == 2 ? Float.float16ToFloat(back.getAtIndex(JAVA_SHORT, i)) : back.getAtIndex(JAVA_FLOAT, i);
        }
        double d = 0;
        for (int i = 0; i < count; i++) {
            d = Math.max(d, Math.abs(got[i] - want[i]));
        }
        System.out.printf("bound run%s: first %.2f ms, best of %d %.2f ms, max |d| against the Java run %.3g%n",
                graph ? " (CUDA graph)" : "", first, n, best, d);
    }

    static float[] toFloats(OnnxTensor o) throws OrtException {
        if (o.getInfo().type == OnnxJavaType.FLOAT16) {
            java.nio.ShortBuffer sb = o.getShortBuffer();
            float[] f = new float[sb.remaining()];
            for (int i = 0; i < f.length; i++) {
                f[i] = Float.float16ToFloat(sb.get(i));
            }
            return f;
        }
        java.nio.FloatBuffer fb = o.getFloatBuffer();
        float[] f = new float[fb.remaining()];
        fb.get(f);
        return f;
    }

    interface Copier {
        void toTensor(MemorySegment tensor, MemorySegment host, long bytes) throws Throwable;

        void fromTensor(MemorySegment host, MemorySegment tensor, long bytes) throws Throwable;
    }

    static final class HostCopier implements Copier {
        public void toTensor(MemorySegment tensor, MemorySegment host, long bytes) {
            tensor.reinterpret(bytes).copyFrom(host);
        }

        public void fromTensor(MemorySegment host, MemorySegment tensor, long bytes) {
            host.copyFrom(tensor.reinterpret(bytes));
        }
    }

    /** cudaMemcpy from libcudart (kind 1: host to device, 2: device to host); it waits for the device. */
    static final class CudaCopier implements Copier {
        final MethodHandle memcpy = LINKER.downcallHandle(
                SymbolLookup.libraryLookup("libcudart.so.12", ARENA).find("cudaMemcpy").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT));

        public void toTensor(MemorySegment tensor, MemorySegment host, long bytes) throws Throwable {
            int rc = (int) memcpy.invoke(tensor, host, bytes, 1);
            if (rc != 0) throw new IllegalStateException("cudaMemcpy H2D " + rc);
        }

        public void fromTensor(MemorySegment host, MemorySegment tensor, long bytes) throws Throwable {
            int rc = (int) memcpy.invoke(host, tensor, bytes, 2);
            if (rc != 0) throw new IllegalStateException("cudaMemcpy D2H " + rc);
        }
    }
}
