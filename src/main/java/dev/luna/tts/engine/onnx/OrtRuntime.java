package dev.luna.tts.engine.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import org.jboss.logging.Logger;

import java.nio.FloatBuffer;
import java.util.Map;

/**
 * The ONNX Runtime environment and the execution-provider choice shared by every session.
 * <p>
 * The provider is decided once, before any model is loaded, by creating and running a one-node
 * probe model: {@code auto} uses CUDA when that works and otherwise falls back to CPU (one WARN
 * with the reason); {@code cuda} fails instead; {@code cpu} never touches CUDA. Because the choice
 * is made up front, model sessions can then be created concurrently. Natives come from
 * {@code -Donnxruntime.native.path} when set (see run-local.sh), so the 580 MB CUDA provider is
 * not re-extracted from the jar.
 */
public class OrtRuntime {

    private static final Logger LOG = Logger.getLogger(OrtRuntime.class);
    public static final String NATIVE_PATH_PROPERTY = "onnxruntime.native.path";
    static final String ARENA_SHRINKAGE_KEY = "memory.enable_memory_arena_shrinkage";
    static final String DEVICE_ALLOCATOR_FOR_INITIALIZERS_KEY = "session.use_device_allocator_for_initializers";

    private final OrtSettings config;
    private final SessionCache cache;
    private final java.util.concurrent.atomic.AtomicInteger creating = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger creations = new java.util.concurrent.atomic.AtomicInteger();
    private final Map<java.nio.file.Path, MemoryProbe.ModelMemory> memory = new java.util.concurrent.ConcurrentHashMap<>();

    private volatile OrtEnvironment env;
    /** null until {@link #decideProvider()} ran. */
    private volatile ExecutionProvider active;
    private volatile String fallbackReason;
    private volatile String fallbackSummary;
    private volatile OrtSession.RunOptions runOptions;

    public OrtRuntime(OrtSettings settings) {
        this(settings, new SessionCache(SessionCache.Settings.disabled()));
    }

    public OrtRuntime(OrtSettings settings, SessionCache cache) {
        this.config = settings;
        this.cache = cache;
    }

    /** Optimized graphs on disk ({@link SessionCache}). */
    public SessionCache sessionCache() {
        return cache;
    }

    public OrtSettings settings() {
        return config;
    }

    public synchronized OrtEnvironment environment() {
        if (env == null) {
            long t0 = System.nanoTime();
            String nativePath = System.getProperty(NATIVE_PATH_PROPERTY);
            env = OrtEnvironment.getEnvironment(config.logLevel().ort(), "luna-tts");
            LOG.infof("ONNX Runtime %s loaded in %d ms (natives: %s)", env.getVersion(),
                    (System.nanoTime() - t0) / 1_000_000,
                    nativePath == null ? "extracted from the jar to a temp dir" : nativePath);
        }
        return env;
    }

    /**
     * Decides the execution provider once (later calls return the decision).
     *
     * @return {@code "cpu"} or {@code "cuda"}
     * @throws OrtException with {@code luna.provider=cuda} when CUDA does not work
     */
    public synchronized String decideProvider() throws OrtException {
        if (active != null) {
            return active.label();
        }
        OrtEnvironment e = environment();
        if (config.provider() == OrtSettings.Provider.CPU) {
            active = ExecutionProvider.CPU;
            LOG.info("Execution provider cpu (luna.provider=cpu)");
            return active.label();
        }
        long t0 = System.nanoTime();
        try {
            probeCuda(e);
            active = ExecutionProvider.CUDA;
            LOG.infof("Execution provider cuda on device %d (probe %d ms)", config.cudaDeviceId(),
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (OrtException | RuntimeException | UnsatisfiedLinkError ex) {
            if (config.provider() == OrtSettings.Provider.CUDA) {
                throw new OrtException("luna.provider=cuda but the CUDA execution provider failed: " + reason(ex));
            }
            fallbackReason = reason(ex);
            fallbackSummary = summary(ex);
            active = ExecutionProvider.CPU;
            LOG.warnf("CUDA execution provider unavailable, falling back to CPU: %s", fallbackReason);
        }
        return active.label();
    }

    private void probeCuda(OrtEnvironment e) throws OrtException {
        try (OrtSession.SessionOptions opts = options(SessionKind.BERT, true);
             OrtSession probe = e.createSession(ProbeModel.bytes(), opts);
             OnnxTensor x = OnnxTensor.createTensor(e, FloatBuffer.wrap(new float[]{1.5f}), new long[]{1});
             OrtSession.Result r = probe.run(Map.of(ProbeModel.INPUT, x))) {
            float y = ((float[]) r.get(0).getValue())[0];
            if (y != 3.0f) {
                throw new IllegalStateException("CUDA probe computed 1.5 + 1.5 = " + y);
            }
        }
    }

    /** The provider sessions run on: {@code "cpu"}, {@code "cuda"}, or {@code "none"} before the decision. */
    public String activeProvider() {
        ExecutionProvider p = active;
        return p == null ? "none" : p.label();
    }

    /** Whether sessions run on CUDA (false before {@link #decideProvider()}): picks a model or its {@code .cuda.onnx} variant. */
    public boolean prefersCuda() {
        return active == ExecutionProvider.CUDA;
    }

    /** Why CUDA is not used, with the library's own words and paths (for the log), or null. */
    public String fallbackReason() {
        return fallbackReason;
    }

    /** Why CUDA is not used, in our words (for clients: no paths, no library messages), or null. */
    public String fallbackSummary() {
        return fallbackSummary;
    }

    private static String summary(Throwable ex) {
        String m = String.valueOf(ex.getMessage());
        if (ex instanceof UnsatisfiedLinkError || m.contains("Failed to load library") || m.contains(".so")) {
            return "the CUDA execution provider or a CUDA/cuDNN library it needs could not be loaded (details in the log)";
        }
        return "the CUDA execution provider could not run a probe model on this machine (details in the log)";
    }

    /**
     * Creates a session on the decided provider (deciding it first if needed). Thread-safe and not
     * serialized: sessions are created concurrently.
     */
    public OrtSession createSession(SessionSource source, SessionKind kind) throws OrtException {
        boolean cuda = ExecutionProvider.CUDA.label().equals(decideProvider());
        try (OrtSession.SessionOptions opts = options(kind, cuda)) {
            return source.open(environment(), opts);
        }
    }

    /**
     * Creates a session for a model file on the decided provider, through the {@link SessionCache}:
     * from an already optimized graph when a valid one is cached, otherwise optimizing and caching it.
     */
    public OrtSession createSession(java.nio.file.Path model, SessionKind kind) throws OrtException, java.io.IOException {
        return createSession(model, kind, Map.of());
    }

    /**
     * The same with free dimensions fixed (ONNX Runtime's overrides by dimension name, e.g. {@code batch_size=4}):
     * the session then runs that one shape, its shape computations folded at creation. The dimensions are part of
     * the session cache key.
     */
    public OrtSession createSession(java.nio.file.Path model, SessionKind kind, Map<String, Long> dimensions)
            throws OrtException, java.io.IOException {
        boolean cuda = ExecutionProvider.CUDA.label().equals(decideProvider());
        OrtSession.SessionOptions.OptLevel level = kind == SessionKind.GENERATOR
                ? config.generatorOptimization() : OrtSession.SessionOptions.OptLevel.ALL_OPT;
        java.util.SortedMap<String, Long> dims = new java.util.TreeMap<>(dimensions);
        StringBuilder key = new StringBuilder(level.name());
        dims.forEach((k, v) -> key.append('-').append(k).append(v));
        int startsBefore = creations.getAndIncrement();
        boolean overlapped = creating.getAndIncrement() > 0;
        long host0 = MemoryProbe.hostRss();
        long dev0 = cuda ? MemoryProbe.deviceUsed().orElse(-1) : -1;
        try {
            OrtSession s = cache.open(environment(), model, () -> options(kind, cuda, dims), key.toString(),
                    active.label(), DeviceIdentity.of(cuda, config.cudaDeviceId()), environment().getVersion());
            long dev1 = cuda && dev0 >= 0 ? MemoryProbe.deviceUsed().orElse(-1) : -1;
            overlapped |= creations.get() != startsBefore + 1;
            memory.put(model.toAbsolutePath().normalize(), new MemoryProbe.ModelMemory(
                    Math.max(0, MemoryProbe.hostRss() - host0), dev1 >= 0 ? Math.max(0, dev1 - dev0) : -1, overlapped));
            return s;
        } finally {
            creating.decrementAndGet();
        }
    }

    /** What creating the session of a model file added to host and device memory (null if not created here). */
    public MemoryProbe.ModelMemory memoryOf(java.nio.file.Path model) {
        return memory.get(model.toAbsolutePath().normalize());
    }

    /**
     * Options for every {@code run}: with {@code luna.arena-shrinkage} the arenas give the memory
     * not in use back after each run (ORT's {@value #ARENA_SHRINKAGE_KEY}), otherwise null.
     */
    public synchronized OrtSession.RunOptions runOptions() throws OrtException {
        if (!config.arenaShrinkage()) {
            return null;
        }
        if (runOptions == null) {
            // never closed: sessions may still run with it while the application shuts down
            OrtSession.RunOptions o = new OrtSession.RunOptions();
            String arenas = ExecutionProvider.CUDA.label().equals(decideProvider())
                    ? "cpu:0;gpu:" + config.cudaDeviceId() : "cpu:0";
            o.addRunConfigEntry(ARENA_SHRINKAGE_KEY, arenas);
            runOptions = o;
        }
        return runOptions;
    }

    OrtSession.SessionOptions options(SessionKind kind, boolean cuda) throws OrtException {
        return options(kind, cuda, Map.of());
    }

    OrtSession.SessionOptions options(SessionKind kind, boolean cuda, Map<String, Long> dimensions) throws OrtException {
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        try {
            for (Map.Entry<String, Long> d : dimensions.entrySet()) {
                opts.setSymbolicDimensionValue(d.getKey(), d.getValue());
            }
            if (!threadsSpin(cuda)) {
                opts.addConfigEntry("session.intra_op.allow_spinning", "0");
                opts.addConfigEntry("session.inter_op.allow_spinning", "0");
            }
            opts.setOptimizationLevel(kind == SessionKind.GENERATOR
                    ? config.generatorOptimization()
                    : OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (kind == SessionKind.GENERATOR && generatorRunsParallel(cuda)) {
                opts.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.PARALLEL);
                opts.setInterOpNumThreads(2);   // with one inter-op thread ORT falls back to SEQUENTIAL
            }
            if (cuda) {
                OrtCUDAProviderOptions c = new OrtCUDAProviderOptions(config.cudaDeviceId());
                c.add("cudnn_conv_algo_search", config.cudnnConvAlgoSearch());
                c.add("arena_extend_strategy", config.arenaExtendStrategy());
                if (config.gpuMemLimit().isPresent()) {
                    c.add("gpu_mem_limit", Long.toString(config.gpuMemLimit().getAsLong()));
                }
                for (Map.Entry<String, String> e : config.cudaProviderOptions().entrySet()) {
                    c.add(e.getKey(), e.getValue());
                }
                opts.addCUDA(c);
                // weights get exact-size device buffers outside the arena: gpu_mem_limit then bounds what
                // inference itself holds, and the arena's high-water mark is not inflated by the weights
                opts.addConfigEntry(DEVICE_ALLOCATOR_FOR_INITIALIZERS_KEY, "1");
            }
            return opts;
        } catch (OrtException | RuntimeException | UnsatisfiedLinkError ex) {
            opts.close();
            throw ex;
        }
    }

    /**
     * Whether the sessions' thread pools spin-wait for work after a run (ONNX Runtime's default). Every session has
     * its own pools; on a CPU with few cores the BERT, latent and decoder sessions' spinning threads then take the
     * cores from the one that runs (BENCHMARKS.md), so AUTO turns spinning off on the CPU and keeps ONNX Runtime's
     * default on CUDA, where runs are kernel launches.
     */
    boolean threadsSpin(boolean cuda) {
        return switch (config.threadSpinning()) {
            case AUTO -> cuda;
            case ON -> true;
            case OFF -> false;
        };
    }

    /** See {@link OrtSettings#generatorExecutionMode()}. */
    boolean generatorRunsParallel(boolean cuda) {
        return switch (config.generatorExecutionMode()) {
            case AUTO -> cuda;
            case PARALLEL -> true;
            case SEQUENTIAL -> false;
        };
    }

    private static String reason(Throwable ex) {
        String m = ex.getMessage();
        m = m == null ? ex.getClass().getSimpleName() : m.replaceAll("\\s+", " ").strip();
        return m.length() > 400 ? m.substring(0, 400) + "…" : m;
    }

    public enum SessionKind { BERT, GENERATOR }

    enum ExecutionProvider {
        CPU("cpu"), CUDA("cuda");
        private final String label;

        ExecutionProvider(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /** Where a model's bytes come from. */
    @FunctionalInterface
    public interface SessionSource {
        OrtSession open(OrtEnvironment env, OrtSession.SessionOptions opts) throws OrtException;

        static SessionSource file(java.nio.file.Path p) {
            return (env, o) -> env.createSession(p.toString(), o);
        }
    }
}
