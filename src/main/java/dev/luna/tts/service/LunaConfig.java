package dev.luna.tts.service;

import dev.luna.tts.engine.onnx.SessionCache;

import dev.luna.tts.engine.onnx.OrtSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Everything under {@code luna.*} (env: LUNA_MODELS_DIR, LUNA_PROVIDER, ...). */
@ConfigMapping(prefix = "luna")
public interface LunaConfig {

    /** Model repository root: bert/&lt;name&gt;/, voices/&lt;name&gt;/, voices/*.aivmx. */
    @WithDefault("models")
    String modelsDir();

    @WithDefault("/var/lib/mecab/dic/open-jtalk/naist-jdic")
    String dictionaryDir();

    /**
     * Writable directory of the global user dictionary ({@code user_dict.json}, SBV2's format); created if missing.
     * Replicas that should share one dictionary mount the same volume here.
     */
    @WithDefault("user-dict")
    String userDictDir();

    /** auto | cuda | cpu. */
    @WithDefault("auto")
    OrtSettings.Provider provider();

    Cuda cuda();

    @WithDefault("1000")
    int maxTextLength();

    /**
     * A normalized piece longer than this many characters is cut (after a pause mark where there is one): the BERT
     * takes at most 510 characters.
     */
    @WithDefault("250")
    int maxPieceChars();

    /** Line breaks × split_interval one request may ask for (a 2 KB URL could otherwise ask for hours of silence). */
    @WithDefault("60")
    double maxSilenceSeconds();

    /** Audio seconds one complete (non-streamed) response may hold; longer requests are refused. */
    @WithDefault("600")
    double maxAudioSeconds();

    Batch batch();

    Streaming streaming();

    /** Sub-sentence streaming. */
    interface Streaming {
        /**
         * Voices with split graphs (onnx-export's model.latent.onnx + model.decoder.onnx) load only those and
         * stream each piece in fixed-size chunks; false: the whole graph, one piece at a time.
         */
        @WithDefault("true")
        boolean chunked();

        /**
         * Frames of the first decoder chunk of a request (each next chunk twice the last, up to the voice's chunk
         * size): a smaller first chunk sends the first audio sooner where decoding costs arithmetic (the CPU).
         * 0: every chunk of the voice's size. Unset: {@value SynthesisService#CPU_FIRST_CHUNK_FRAMES} on the CPU, 0 on
         * CUDA (there a decoder run costs about the same whatever its size, and more runs cost throughput; with
         * luna.cuda.decoder-batch each chunk size is another input shape, and cuDNN plans are rebuilt whenever
         * the shape changes).
         */
        Optional<Integer> firstChunkFrames();
    }

    Admission admission();

    /** Seconds sent in Retry-After with a 503. */
    @WithDefault("1")
    int retryAfterSeconds();

    /** Abort start-up when any model file fails to load (default: log it, serve the others). */
    @WithDefault("false")
    boolean failFast();

    /** Long lines are cut at sentence punctuation once they exceed this many characters. */
    @WithDefault("60")
    int splitMaxChars();

    /**
     * ORT graph optimization for generator sessions: NO_OPT | BASIC_OPT | EXTENDED_OPT | ALL_OPT.
     * SBV2 uses NO_OPT on its onnxsim-simplified export; onnx-export's graph is not simplified, and
     * ALL_OPT folds its shape arithmetic: on an H100 the voice session loaded in 7.1 s instead of
     * 15.0 s and the generator took 60 ms instead of 94 ms per request; on the CPU it loaded faster
     * at the same speed (README).
     */
    @WithDefault("ALL_OPT")
    ai.onnxruntime.OrtSession.SessionOptions.OptLevel generatorOptimization();

    /**
     * Sessions created at the same time at start-up and on refresh (the BERT model and the
     * voices): session creation is mostly single-threaded graph work, so loading in parallel
     * shortens start-up.
     */
    @WithDefault("4")
    int loadThreads();

    /**
     * After each inference, give the memory ONNX Runtime's arenas hold but no longer use back to
     * the device (and the CPU arena to the OS) instead of keeping the high-water mark of the longest
     * input. On an H100: 0.7-1.3 GB less GPU memory, about 20 ms more per request (README).
     */
    @WithDefault("false")
    boolean arenaShrinkage();

    /** ONNX Runtime's own log level (stderr): VERBOSE | INFO | WARNING | ERROR | FATAL. */
    @WithDefault("WARNING")
    OrtSettings.LogLevel ortLogLevel();

    /**
     * ORT execution mode of generator sessions: AUTO | SEQUENTIAL | PARALLEL. In SEQUENTIAL mode
     * ONNX Runtime first plans which buffers to reuse, and that planning grows with the square of
     * the number of tensors whose length is unknown: seconds for a JP-Extra voice. PARALLEL skips
     * it. For sessions on CUDA, ONNX Runtime's source switches execution back to sequential, and
     * buffers come from the arena as needed: on an H100 the voice loaded in 4.0-4.9 s instead of
     * 6.3-8.3 s at the same latency. On a 2-core CPU PARALLEL ran 1.8x slower. AUTO: PARALLEL on
     * CUDA, SEQUENTIAL on the CPU.
     */
    @WithDefault("AUTO")
    OrtSettings.ExecutionMode generatorExecutionMode();

    /**
     * Whether ONNX Runtime's session thread pools spin-wait after a run: AUTO | ON | OFF. AUTO: off on the CPU, where
     * the sessions' spinning threads take the cores from the session that runs, on (ONNX Runtime's default) on CUDA.
     */
    @WithDefault("AUTO")
    OrtSettings.ThreadSpinning ortThreadSpinning();

    Warmup warmup();

    /** Optimized graphs kept on disk between starts (engine.onnx.SessionCache). */
    SessionCache sessionCache();

    Bert bert();

    interface SessionCache {
        @WithDefault("true")
        boolean enabled();

        /**
         * Where entries live. The default survives restarts of the process (and of a container whose /tmp is a pod
         * volume); point it at a persistent volume to keep entries across pods. The models folder may be read-only.
         */
        @WithDefault("${java.io.tmpdir}/luna-tts-session-cache")
        String dir();

        /** ORT (ONNX Runtime's flatbuffer format: no protobuf parse at load) | ONNX. */
        @WithDefault("ORT")
        dev.luna.tts.engine.onnx.SessionCache.Format format();

        /** SAMPLED (size + 16 MiB of slices, read at every start) | FULL (every byte: seconds for a 1.2 GB model). */
        @WithDefault("SAMPLED")
        dev.luna.tts.engine.onnx.SessionCache.Fingerprint fingerprint();
    }

    interface Bert {
        /** AUTO (model_fp16.onnx on CUDA when present, model.onnx on the CPU) | FP32 | FP16. */
        @WithDefault("AUTO")
        BertPrecision precision();
    }

    enum BertPrecision { AUTO, FP32, FP16 }

    /** The OpenAI-compatible API under /v1. */
    Openai openai();
    /** Admin operations (model refresh, user dictionary writes). */
    Admin admin();

    /**
     * When set, every endpoint of the API port (synthesis and reads too) needs this key (or the admin key) in
     * X-Api-Key or Authorization: Bearer. Unset: they are open.
     */
    Optional<String> apiKey();

    interface Admin {
        /** Key for admin operations (X-Api-Key or Authorization: Bearer); unset: admin operations are refused. */
        Optional<String> apiKey();
    }

    /** Cross-request batching (engine.batch.BatchOptions). */
    interface Batch {
        /** Pieces per generator run and texts per BERT run at most. */
        @WithDefault("16")
        int maxSize();

        /** How long the oldest piece waits for company while the stage is busy (an idle stage runs at once). */
        @WithDefault("3ms")
        Duration maxWait();

        /** Batch size × longest item (phones, tokens) at most: bounds one run's memory. */
        @WithDefault("4096")
        int maxPaddedLength();

        /** Longest / shortest item in one batch at most. */
        @WithDefault("2.0")
        double maxLengthRatio();

        /** Worker threads per stage. */
        @WithDefault("1")
        int workers();

        /**
         * Worker threads of the decoder stage (voices with split graphs). Unset: 2 on CUDA, where one decoder thread
         * was busy all the time at 32 clients on an H200 (BENCHMARKS.md, 2026-12-02 session 6), and
         * luna.batch.workers on the CPU.
         */
        Optional<Integer> decoderWorkers();

        /** Pieces of one request in the pipeline at once. */
        @WithDefault("2")
        int lookahead();
    }

    /** Admission counts pieces (sentences), not requests. */
    interface Admission {
        /**
         * Pieces admitted and not yet synthesized, all requests together, before new requests get 503 + Retry-After
         * (a request larger than this is admitted only when nothing else is in flight). Absent: 4 on the CPU, 256 on
         * CUDA (chosen from the overload runs in src/test/bench/BENCHMARKS.md).
         */
        Optional<Integer> maxPieces();
    }

    interface Cuda {
        @WithDefault("0")
        int deviceId();

        /** EXHAUSTIVE | HEURISTIC | DEFAULT. */
        @WithDefault("HEURISTIC")
        String cudnnConvAlgoSearch();

        @WithDefault("kSameAsRequested")
        String arenaExtendStrategy();

        /**
         * Bytes each CUDA session's arena may hold (ONNX Runtime's gpu_mem_limit); 0 = no limit. Weights are
         * outside the arena (exact-size device buffers), so this bounds what one inference holds: the scheduler
         * runs one batch per stage at a time and luna.batch.max-padded-length bounds a batch (README: how the
         * default was chosen). A run that needs more fails instead of growing the process further.
         */
        @WithDefault("4294967296")
        long gpuMemLimit();

        /**
         * Voices with split graphs: 0 loads the decoder's CUDA variant (model.decoder.cuda.onnx, convolutions as
         * MatMuls); N > 0 loads model.decoder.onnx (cuDNN convolutions) and pads every decoder run to N chunks, so
         * its one shape keeps one cuDNN plan per convolution (ONNX Runtime rebuilds a plan whenever a
         * convolution's input shape changes); decoder runs then take at most N chunks. 4 measured best on an H200
         * (BENCHMARKS.md, 2026-12-02): throughput and latency at once; larger sizes pay at low load.
         */
        @WithDefault("4")
        int decoderBatch();

        /**
         * With decoder-batch > 0: AUTO loads model.decoder.fp16.onnx (onnx-export writes it beside
         * model.decoder.onnx) when the voice has it, FP32 the float32 decoder, FP16 the half one or the voice fails
         * to load. Half precision runs the decoder's convolutions on tensor cores (README: how far the audio
         * moves, BENCHMARKS.md: what it gains).
         */
        @WithDefault("AUTO")
        dev.luna.tts.engine.model.VoiceLoader.DecoderPrecision decoderPrecision();

        /**
         * Voices with model.latent.fixed.onnx: one latent session per shape {@code BxTxF} (up to B pieces of up to T
         * phones, F frames, e.g. {@code 8x128x512}), each created with every dimension fixed, so that ONNX Runtime
         * folds its shape computations. A batch goes to the smallest shape that holds its longest piece (F covering 4
         * frames per phone times length_scale), in runs of B; longer pieces run in the dynamic latent graph. Each
         * shape holds its own copy of the latent weights and its own arena (0.8 GB of GPU memory per shape for a
         * full-size voice on an H200). {@code none} (the default): every latent run in the dynamic graph, which
         * measured about as fast in the service on an H200 (BENCHMARKS.md, 2026-12-02 session 8); the fixed shapes
         * are what a replayed CUDA graph needs.
         */
        @WithDefault("none")
        java.util.List<String> latentShapes();

        /**
         * More of ONNX Runtime's CUDA provider options, {@code key=value} each (comma-separated in one env
         * variable), added after the ones above: e.g. {@code cudnn_conv_use_max_workspace=0}. They go to ONNX
         * Runtime as written, which checks them when the CUDA provider is created: first by the CUDA probe at start,
         * so with luna.provider=auto a key it rejects means the CPU fallback and its WARN line giving the reason.
         */
        Optional<java.util.List<String>> providerOptions();
    }

    interface Openai {
        /**
         * Voice aliases: {@code luna.openai.voices.<alias>=<voice>[:<style>]}, e.g. {@code alloy=tiny:Happy}. An alias
         * is looked up before the voice names.
         */
        Map<String, String> voices();

        /**
         * OpenAI's own voice names (alloy, echo, nova, ...) that no alias names select the first voice with its
         * default style, so clients written for OpenAI work unchanged; false refuses them like any unknown voice.
         */
        @WithDefault("true")
        boolean builtinVoicesToFirst();

        /** response_format when the request has none: mp3, as OpenAI. */
        @WithDefault("mp3")
        String defaultResponseFormat();
    }

    interface Warmup {
        @WithDefault("true")
        boolean enabled();

        /**
         * Texts used to warm every voice. Unset: {@link dev.luna.tts.service.Warmup#SHORT}, {@code MEDIUM} and, on
         * CUDA, {@code LONG} (device arenas grow to a long piece's size before the first request instead of during
         * it; on the CPU the long text only adds arithmetic to start-up).
         */
        Optional<java.util.List<String>> texts();

        /** Delay before warm-up starts (tests use it to observe readiness DOWN). */
        @WithDefault("0s")
        Duration delay();

        /**
         * Beside the voices' warm-up, one POST /synthesize to this service over the loopback interface before readiness
         * ({@link dev.luna.tts.service.HttpWarmup}), so the first client's request is not the one that sets up the
         * HTTP path. It counts in the request metrics like any request.
         */
        @WithDefault("true")
        boolean http();
    }
}
