import ai.onnxruntime.*;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;

import java.lang.foreign.*;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.*;

import static java.lang.foreign.ValueLayout.*;

/**
 * A graph (BERT, a latent or a decoder graph) run through ONNX Runtime's IOBinding (the C API, through the FFM API: the Java API has no IOBinding),
 * with inputs and outputs at fixed addresses, so that on CUDA the run can be a CUDA graph (`-Dgraph=true`: ONNX
 * Runtime's enable_cuda_graph, which needs every node on the CUDA provider, hence static input shapes). Prints the
 * best of N runs for the plain Java run and for the bound run, and the largest difference between their outputs.
 * Input shapes come from the graph; a free dimension is 1 at position 0 (batch), else TOKENS. Values follow the
 * input's name (ids, masks, lengths, tones, SBV2's scalars, Gaussian features and noise).
 *   java -cp ORT_CLASSES BoundRun.java GRAPH.onnx TOKENS [N]         (Java 22+; natives from -Donnxruntime.native.path)
 * -Ddims=batch_size=4,frames=512 fixes free dimensions (ONNX Runtime's overrides), -Dparallel=true runs the
 * PARALLEL execution mode with 2 inter-op threads (the service's generator sessions on CUDA).
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

        long t0 = System.nanoTime();
        OrtSession s = env.createSession(a[0], options(cuda, false));
        System.out.printf("session %d ms, inputs %s, outputs %s%n", (System.nanoTime() - t0) / 1_000_000,
                s.getInputNames(), s.getOutputNames());
        // a session that captures a CUDA graph replays it at every later run whatever the inputs' addresses, so the
        // Java API's runs (inputs copied anew each time) go to a session of their own
        OrtSession bound = s;
        if (graph) {
            t0 = System.nanoTime();
            bound = env.createSession(a[0], options(cuda, true));
            System.out.printf("graph session %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        }

        // the inputs, shapes from the graph (every dimension fixed, or TOKENS for a free one), values by name
        Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
        Map<String, MemorySegment> hostIn = new LinkedHashMap<>();
        Map<String, long[]> inShapes = new LinkedHashMap<>();
        Random r = new Random(1);
        for (var e : s.getInputInfo().entrySet()) {
            TensorInfo ti = (TensorInfo) e.getValue().getInfo();
            long[] shape = ti.getShape().clone();
            for (int i = 0; i < shape.length; i++) {
                if (shape[i] < 0) {
                    shape[i] = i == 0 ? 1 : tokens;   // a free batch dimension is 1
                }
            }
            int count = (int) Arrays.stream(shape).reduce(1, (x, y) -> x * y);
            String name = e.getKey();
            MemorySegment seg;
            if (ti.type == OnnxJavaType.INT64) {
                long[] v = new long[count];
                for (int i = 0; i < count; i++) {
                    v[i] = name.contains("mask") || name.equals("language") ? 1
                            : name.contains("type") || name.equals("sid") ? 0
                            : name.contains("lengths") ? shape.length > 1 ? shape[1] : tokens
                            : name.equals("tones") ? 6 + r.nextInt(2) : 5 + r.nextInt(95);
                }
                if (name.contains("lengths")) {   // lengths: the fixed length of the token inputs
                    long t = s.getInputInfo().values().stream().map(x -> ((TensorInfo) x.getInfo()).getShape())
                            .filter(sh -> sh.length == 2 && sh[1] > 0).mapToLong(sh -> sh[1]).findFirst().orElse(tokens);
                    Arrays.fill(v, t);
                }
                feeds.put(name, OnnxTensor.createTensor(env, java.nio.LongBuffer.wrap(v), shape));
                seg = ARENA.allocateFrom(JAVA_LONG, v);
            } else {
                float[] v = new float[count];
                for (int i = 0; i < count; i++) {
                    v[i] = name.contains("mask") ? 1f : switch (name) {
                        case "length_scale" -> 1f;
                        case "sdp_ratio" -> 0.2f;
                        case "noise_scale" -> 0.6f;
                        case "noise_scale_w" -> 0.8f;
                        case "style_vec" -> (float) (0.1 * r.nextGaussian());
                        default -> (float) r.nextGaussian();
                    };
                }
                feeds.put(name, OnnxTensor.createTensor(env, java.nio.FloatBuffer.wrap(v), shape));
                seg = ARENA.allocateFrom(JAVA_FLOAT, v);
            }
            hostIn.put(name, seg);
            inShapes.put(name, shape);
        }

        // the plain Java run: reference outputs and timing
        Map<String, float[]> want = new LinkedHashMap<>();
        Map<String, long[]> outShapes = new LinkedHashMap<>();
        Map<String, Integer> outTypes = new LinkedHashMap<>();
        double best = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            try (OrtSession.Result res = s.run(feeds)) {
                best = Math.min(best, (System.nanoTime() - t) / 1e6);
                if (want.isEmpty()) {
                    for (var e : res) {
                        OnnxTensor o = (OnnxTensor) e.getValue();
                        outShapes.put(e.getKey(), o.getInfo().getShape());
                        outTypes.put(e.getKey(), switch (o.getInfo().type) {
                            case FLOAT16 -> FLOAT16;
                            case INT64 -> INT64;
                            default -> FLOAT;
                        });
                        want.put(e.getKey(), toFloats(o));
                    }
                }
            }
        }
        System.out.printf("Java run: best of %d %.2f ms, inputs %s, outputs %s%n", n, best,
                inShapes.entrySet().stream().map(e -> e.getKey() + Arrays.toString(e.getValue())).toList(),
                outShapes.entrySet().stream().map(e -> e.getKey() + Arrays.toString(e.getValue())).toList());

        // the bound run: device (or host) tensors at fixed addresses
        MemorySegment sessionPtr = MemorySegment.ofAddress(handle(bound));
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
        for (var e : hostIn.entrySet()) {
            long[] shape = inShapes.get(e.getKey());
            int type = ((TensorInfo) s.getInputInfo().get(e.getKey()).getInfo()).type == OnnxJavaType.INT64 ? INT64 : FLOAT;
            check(createTensor.invoke(allocator, ARENA.allocateFrom(JAVA_LONG, shape), (long) shape.length, type, out));
            MemorySegment value = out.get(ADDRESS, 0);
            check(data.invoke(value, out));
            copy.toTensor(out.get(ADDRESS, 0), e.getValue(), e.getValue().byteSize());
            check(bindIn.invoke(binding, ARENA.allocateFrom(e.getKey()), value));
        }
        Map<String, MemorySegment> outData = new LinkedHashMap<>();
        for (var e : outShapes.entrySet()) {
            long[] shape = e.getValue();
            check(createTensor.invoke(allocator, ARENA.allocateFrom(JAVA_LONG, shape), (long) shape.length,
                    (int) outTypes.get(e.getKey()), out));
            MemorySegment value = out.get(ADDRESS, 0);
            check(data.invoke(value, out));
            outData.put(e.getKey(), out.get(ADDRESS, 0));
            check(bindOut.invoke(binding, ARENA.allocateFrom(e.getKey()), value));
        }
        check(fn(CREATE_RUN_OPTIONS, FunctionDescriptor.of(ADDRESS, ADDRESS)).invoke(out));
        MemorySegment runOptions = out.get(ADDRESS, 0);
        if (graph) {
            check(fn(ADD_RUN_CONFIG_ENTRY, FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS))
                    .invoke(runOptions, ARENA.allocateFrom("gpu_graph_id"), ARENA.allocateFrom("1")));
        }
        MethodHandle run = fn(RUN_WITH_BINDING, FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        Map<String, MemorySegment> back = new LinkedHashMap<>();
        for (var e : outShapes.entrySet()) {
            long count = Arrays.stream(e.getValue()).reduce(1, (x, y) -> x * y);
            back.put(e.getKey(), ARENA.allocate(count * bytes(outTypes.get(e.getKey()))));
        }
        best = Double.MAX_VALUE;
        double first = 0;
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            check(run.invoke(sessionPtr, runOptions, binding));
            for (var e : back.entrySet()) {   // cudaMemcpy synchronizes, so the time is the whole run
                copy.fromTensor(e.getValue(), outData.get(e.getKey()), e.getValue().byteSize());
            }
            double ms = (System.nanoTime() - t) / 1e6;
            if (i == 0) {
                first = ms;
            }
            best = Math.min(best, ms);
        }
        double d = 0;
        for (var e : back.entrySet()) {
            int type = outTypes.get(e.getKey());
            float[] w = want.get(e.getKey());
            for (int i = 0; i < w.length; i++) {
                float g = type == FLOAT16 ? Float.float16ToFloat(e.getValue().getAtIndex(JAVA_SHORT, i))
                        : type == INT64 ? e.getValue().getAtIndex(JAVA_LONG, i) : e.getValue().getAtIndex(JAVA_FLOAT, i);
                d = Math.max(d, Math.abs(g - w[i]));
            }
        }
        System.out.printf("bound run%s: first %.2f ms, best of %d %.2f ms, max |d| against the Java run %.3g%n",
                graph ? " (CUDA graph)" : "", first, n, best, d);
    }

    static OrtSession.SessionOptions options(boolean cuda, boolean graph) throws OrtException {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        // -Ddims=name=value,...: free dimensions fixed as the service's fixed-shape sessions do
        for (String d : System.getProperty("dims", "").split(",")) {
            if (d.contains("=")) {
                so.setSymbolicDimensionValue(d.substring(0, d.indexOf('=')), Long.parseLong(d.substring(d.indexOf('=') + 1)));
            }
        }
        if (Boolean.getBoolean("parallel")) {   // the service's generator sessions on CUDA
            so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.PARALLEL);
            so.setInterOpNumThreads(2);
        }
        if (cuda) {
            OrtCUDAProviderOptions c = new OrtCUDAProviderOptions(0);
            c.add("cudnn_conv_algo_search", "HEURISTIC");
            if (graph) {
                c.add("enable_cuda_graph", "1");
            }
            so.addCUDA(c);
        }
        return so;
    }

    static int bytes(int type) {
        return type == FLOAT16 ? 2 : type == INT64 ? 8 : 4;
    }

    static float[] toFloats(OnnxTensor o) throws OrtException {
        if (o.getInfo().type == OnnxJavaType.INT64) {
            java.nio.LongBuffer lb = o.getLongBuffer();
            float[] f = new float[lb.remaining()];
            for (int i = 0; i < f.length; i++) {
                f[i] = lb.get(i);
            }
            return f;
        }
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
