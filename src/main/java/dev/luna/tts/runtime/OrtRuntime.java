package dev.luna.tts.runtime;

import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The ONNX Runtime environment and the execution-provider choice shared by every session.
 * <p>
 * {@code auto} tries CUDA for the first session and falls back to CPU (one WARN with the
 * reason) when the CUDA provider library or the device is unavailable; {@code cuda} fails
 * instead; {@code cpu} never touches CUDA. Natives come from {@code -Donnxruntime.native.path}
 * when set (see run-local.sh), so the 580 MB CUDA provider is not re-extracted from the jar.
 */
@ApplicationScoped
public class OrtRuntime {

    private static final Logger LOG = Logger.getLogger(OrtRuntime.class);
    public static final String NATIVE_PATH_PROPERTY = "onnxruntime.native.path";

    @Inject
    LunaConfig config;

    private volatile OrtEnvironment env;
    /** null until the first session decides it. */
    private volatile ExecutionProvider active;
    private volatile String fallbackReason;

    public synchronized OrtEnvironment environment() {
        if (env == null) {
            long t0 = System.nanoTime();
            String nativePath = System.getProperty(NATIVE_PATH_PROPERTY);
            env = OrtEnvironment.getEnvironment();
            LOG.infof("ONNX Runtime %s loaded in %d ms (natives: %s)", env.getVersion(),
                    (System.nanoTime() - t0) / 1_000_000,
                    nativePath == null ? "extracted from the jar to a temp dir" : nativePath);
        }
        return env;
    }

    /** The provider sessions run on, once the first session was created; {@code "cpu"} or {@code "cuda"}. */
    public String activeProvider() {
        ExecutionProvider p = active;
        return p == null ? "none" : p.label();
    }

    /**
     * Whether sessions run (or, before the first one, will try to run) on CUDA: decides between a
     * model and its {@code .cuda.onnx} variant.
     */
    public boolean prefersCuda() {
        ExecutionProvider p = active;
        return p == null ? config.provider() != LunaConfig.Provider.CPU : p == ExecutionProvider.CUDA;
    }

    public String fallbackReason() {
        return fallbackReason;
    }

    /** Creates a session from a file or bytes, on the active provider (deciding it on first use). */
    public synchronized OrtSession createSession(SessionSource source, SessionKind kind) throws OrtException {
        OrtEnvironment e = environment();
        if (active == null) {
            active = switch (config.provider()) {
                case CPU -> ExecutionProvider.CPU;
                case CUDA, AUTO -> ExecutionProvider.CUDA;
            };
        }
        if (active == ExecutionProvider.CUDA) {
            try (OrtSession.SessionOptions opts = options(kind, true)) {
                return source.open(e, opts);
            } catch (OrtException | RuntimeException | UnsatisfiedLinkError ex) {
                if (config.provider() == LunaConfig.Provider.CUDA) {
                    throw new OrtException("luna.provider=cuda but the CUDA execution provider failed: " + reason(ex));
                }
                fallbackReason = reason(ex);
                active = ExecutionProvider.CPU;
                LOG.warnf("CUDA execution provider unavailable, falling back to CPU: %s", fallbackReason);
            }
        }
        try (OrtSession.SessionOptions opts = options(kind, false)) {
            return source.open(e, opts);
        }
    }

    OrtSession.SessionOptions options(SessionKind kind, boolean cuda) throws OrtException {
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        try {
            opts.setOptimizationLevel(kind == SessionKind.GENERATOR
                    ? config.generatorOptimization()
                    : OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (cuda) {
                OrtCUDAProviderOptions c = new OrtCUDAProviderOptions(config.cuda().deviceId());
                c.add("cudnn_conv_algo_search", config.cuda().cudnnConvAlgoSearch());
                c.add("arena_extend_strategy", config.cuda().arenaExtendStrategy());
                config.cuda().gpuMemLimit().ifPresent(l -> {
                    try {
                        c.add("gpu_mem_limit", Long.toString(l));
                    } catch (OrtException ex) {
                        throw new IllegalArgumentException(ex);
                    }
                });
                opts.addCUDA(c);
            }
            return opts;
        } catch (OrtException | RuntimeException | UnsatisfiedLinkError ex) {
            opts.close();
            throw ex;
        }
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
