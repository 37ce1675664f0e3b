package dev.luna.tts.engine.batch;

import ai.onnxruntime.OrtSession;
import dev.luna.tts.engine.SynthesisParams;
import dev.luna.tts.engine.SynthesisParams.Param;
import dev.luna.tts.engine.SynthesisRequest;
import dev.luna.tts.engine.Utterance;
import dev.luna.tts.engine.UtterancePlanner;
import dev.luna.tts.engine.bert.BertModel;
import dev.luna.tts.engine.bert.CharTokenizer;
import dev.luna.tts.engine.model.ConfigCache;
import dev.luna.tts.engine.model.ModelRepository;
import dev.luna.tts.engine.model.ModelSet;
import dev.luna.tts.engine.model.RepositoryScan;
import dev.luna.tts.engine.model.VoiceLoader;
import dev.luna.tts.engine.onnx.OrtRuntime;
import dev.luna.tts.engine.onnx.OrtSettings;
import dev.luna.tts.engine.voice.Generator;
import dev.luna.tts.engine.voice.SplitGenerator;
import dev.luna.tts.engine.voice.Voice;
import dev.luna.tts.text.Sbv2TextFrontend;
import dev.luna.tts.text.TextFrontend;
import dev.luna.tts.text.jtalk.OpenJTalk;
import dev.luna.tts.text.jtalk.dictionary.MecabDictionary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped tiny voice and BERT through the real scheduler on the CPU: utterances of mixed lengths run together
 * (batched wherever the graphs allow) give, piece by piece, the audio each gives alone, at zero noise.
 */
class BatchingTest {

    static final List<String> TEXTS = List.of("こんにちは。", "今日はいい天気ですね。散歩に行きましょう。", "あ。",
            "吾輩は猫である。名前はまだ無い。", "東京都の人口は約千四百万人です。", "はい。");
    static final SynthesisParams FIXED = SynthesisParams.builder().set(Param.SDP_RATIO, 0.0).set(Param.NOISE, 0.0)
            .set(Param.NOISE_W, 0.0).build();

    static OrtRuntime runtime;
    static ModelSet models;
    static ModelSet splitModels;
    static UtterancePlanner planner;

    @BeforeAll
    static void load() throws Exception {
        runtime = new OrtRuntime(new OrtSettings(OrtSettings.Provider.CPU, OrtSettings.LogLevel.WARNING, 0,
                "HEURISTIC", "kSameAsRequested", OptionalLong.empty(), false, OrtSession.SessionOptions.OptLevel.ALL_OPT,
                OrtSettings.ExecutionMode.AUTO, OrtSettings.ThreadSpinning.AUTO));
        RepositoryScan scan = new ModelRepository(Path.of("models")).scan();
        Voice voice = new VoiceLoader(runtime, new ConfigCache()).load(scan.voices().get(0));
        Path bertDir = scan.bertDirs().get(0);
        BertModel bert = new BertModel("tiny", runtime.environment(),
                runtime.createSession(OrtRuntime.SessionSource.file(bertDir.resolve("model.onnx")),
                        OrtRuntime.SessionKind.BERT),
                new CharTokenizer(bertDir.resolve("tokenizer.json")), null);
        models = new ModelSet(bert, Map.of(voice.name(), voice), Map.of());
        Voice split = new VoiceLoader(runtime, new ConfigCache()).load(scan.voices().get(0), true);
        splitModels = new ModelSet(bert, Map.of(split.name(), split), Map.of());
        TextFrontend frontend = new Sbv2TextFrontend(new OpenJTalk(MecabDictionary.open(
                Path.of(System.getProperty("luna.dictionary-dir", "/var/lib/mecab/dic/open-jtalk/naist-jdic")))));
        planner = new UtterancePlanner(frontend, new UtterancePlanner.Limits(1000, 60, 250, 60));
    }

    @AfterAll
    static void close() throws Exception {
        models.voices().values().forEach(Voice::retire);
        splitModels.voices().values().forEach(Voice::retire);
        models.bert().close();
    }

    /** Each piece's audio, its chunks concatenated. */
    static List<float[]> run(BatchScheduler s, Utterance u) {
        return run(s, u, 0, new ArrayList<>());
    }

    static List<float[]> run(BatchScheduler s, Utterance u, int firstChunkFrames, List<Integer> chunksPerPiece) {
        List<float[]> pieces = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        new SynthesisRun(u, models.bert(), s, firstChunkFrames, new SynthesisRun.Sink() {
            int last = -1;

            @Override
            public void audio(Utterance.Piece piece, float[] samples) {
                if (piece.index() != last) {
                    pieces.add(samples);
                    chunksPerPiece.add(1);
                    last = piece.index();
                } else {
                    float[] prev = pieces.get(pieces.size() - 1);
                    float[] both = java.util.Arrays.copyOf(prev, prev.length + samples.length);
                    System.arraycopy(samples, 0, both, prev.length, samples.length);
                    pieces.set(pieces.size() - 1, both);
                    chunksPerPiece.set(chunksPerPiece.size() - 1, chunksPerPiece.get(chunksPerPiece.size() - 1) + 1);
                }
            }

            @Override
            public void complete() {
                done.complete(null);
            }

            @Override
            public void fail(Throwable error) {
                done.completeExceptionally(error);
            }
        }).start();
        done.orTimeout(120, TimeUnit.SECONDS).join();
        return pieces;
    }

    static Utterance plan(String text) {
        return planner.plan(models, SynthesisRequest.of(text).withParams(FIXED));
    }

    @Test
    void batchedAudioEqualsEachPieceAlone() throws Exception {
        List<List<float[]>> alone = new ArrayList<>();
        try (BatchScheduler one = new BatchScheduler(new BatchOptions(1, Duration.ZERO, 100_000, 100, 1, 1),
                EngineListener.NONE)) {
            for (String t : TEXTS) {
                try (Utterance u = plan(t)) {
                    alone.add(run(one, u));
                }
            }
        }
        ConcurrentLinkedQueue<int[]> batches = new ConcurrentLinkedQueue<>();
        EngineListener sizes = new EngineListener() {
            @Override
            public void batch(Stage stage, int size, long nanos) {
                batches.add(new int[]{stage.ordinal(), size});
            }

            @Override
            public void queueWait(Stage stage, long nanos) {
            }

            @Override
            public void audio(String voice, double audioSeconds) {
            }
        };
        // a long wait for company and a loose length ratio, so mixed lengths share runs
        try (BatchScheduler many = new BatchScheduler(new BatchOptions(8, Duration.ofMillis(200), 100_000, 100, 1, 2),
                sizes)) {
            List<Utterance> us = TEXTS.stream().map(BatchingTest::plan).toList();
            List<CompletableFuture<List<float[]>>> futures = us.stream()
                    .map(u -> CompletableFuture.supplyAsync(() -> run(many, u))).toList();
            for (int i = 0; i < TEXTS.size(); i++) {
                List<float[]> got = futures.get(i).get(120, TimeUnit.SECONDS);
                List<float[]> want = alone.get(i);
                assertEquals(want.size(), got.size(), TEXTS.get(i));
                for (int p = 0; p < want.size(); p++) {
                    assertEquals(want.get(p).length, got.get(p).length, TEXTS.get(i) + " piece " + p + " samples");
                    float max = 0;
                    for (int k = 0; k < want.get(p).length; k++) {
                        max = Math.max(max, Math.abs(want.get(p)[k] - got.get(p)[k]));
                    }
                    assertTrue(max <= 1e-4f, TEXTS.get(i) + " piece " + p + ": max |Δ| " + max);
                }
            }
            us.forEach(Utterance::close);
        }
        Voice v = models.voices().values().iterator().next();
        int maxGen = batches.stream().filter(b -> b[0] == EngineListener.Stage.GENERATOR.ordinal())
                .mapToInt(b -> b[1]).max().orElse(0);
        int maxBert = batches.stream().filter(b -> b[0] == EngineListener.Stage.BERT.ordinal())
                .mapToInt(b -> b[1]).max().orElse(0);
        if (v.generator().batched()) {
            assertTrue(maxGen > 1, "the generator ran batches (largest " + maxGen + ")");
        } else {
            assertEquals(1, maxGen, "a graph without output_lengths runs one piece at a time");
        }
        // BERT runs are short: whether texts meet in its queue depends on timing (StageQueueTest covers the rule)
        System.out.println("largest batches: BERT " + maxBert + ", generator " + maxGen);
    }

    static float maxDelta(float[] a, float[] b) {
        float max = 0;
        for (int k = 0; k < a.length; k++) {
            max = Math.max(max, Math.abs(a[k] - b[k]));
        }
        return max;
    }

    /** With two decoder workers (CUDA's default) a piece's chunks may finish out of order: they still arrive in order. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 2})
    void chunkedStreamingEqualsWholePieces(int decoderWorkers) throws Exception {
        Voice split = splitModels.voices().values().iterator().next();
        int chunkFrames = split.split().chunkFrames();
        int hop = split.split().hop();
        // a long unpunctuated line: several decoder chunks; short ones: one chunk, shorter than a chunk
        List<String> texts = List.of("今日はいい天気ですね散歩に行きましょうそれから公園でお弁当を食べて夕方まで本を読みましょう",
                "はい。", "吾輩は猫である。名前はまだ無い。");
        try (BatchScheduler s = new BatchScheduler(new BatchOptions(8, Duration.ofMillis(50), 100_000, 100, 1, 2,
                decoderWorkers), EngineListener.NONE)) {
            boolean severalChunks = false;
            boolean grew = false;
            for (String t : texts) {
                List<float[]> whole;
                try (Utterance u = plan(t)) {
                    whole = run(s, u);
                }
                // 0: every chunk of the voice's size; 3: the first piece starts with 3 frames, then 6, 12, ...
                for (int first : new int[] {0, 3}) {
                    List<Integer> chunks = new ArrayList<>();
                    List<float[]> streamed;
                    try (Utterance u = planner.plan(splitModels, SynthesisRequest.of(t).withParams(FIXED))) {
                        streamed = run(s, u, first, chunks);
                    }
                    assertEquals(whole.size(), streamed.size(), t);
                    for (int p = 0; p < whole.size(); p++) {
                        String what = t + " piece " + p + " first chunk " + first;
                        assertEquals(whole.get(p).length, streamed.get(p).length, what + " samples");
                        assertTrue(maxDelta(whole.get(p), streamed.get(p)) <= 1e-4f, what + ": max |Δ| "
                                + maxDelta(whole.get(p), streamed.get(p)));
                        int frames = whole.get(p).length / hop;
                        assertEquals(expectedChunks(frames, p == 0 ? first : 0, chunkFrames), chunks.get(p),
                                what + " chunks");
                        severalChunks |= chunks.get(p) > 1;
                        grew |= first > 0 && p == 0 && chunks.get(p) > expectedChunks(frames, 0, chunkFrames);
                    }
                }
            }
            assertTrue(severalChunks, "the long line arrived in several chunks");
            assertTrue(grew, "a small first chunk made more, smaller chunks for the first piece");
        }
    }

    @Test
    void fixedDecoderBatchCarriesAPiecesChunksTogether() throws Exception {
        Voice split = splitModels.voices().values().iterator().next();
        var src = split.source().split();
        OrtSession latent = runtime.createSession(OrtRuntime.SessionSource.file(src.latent()),
                OrtRuntime.SessionKind.GENERATOR);
        OrtSession decoder = runtime.createSession(OrtRuntime.SessionSource.file(src.decoder()),
                OrtRuntime.SessionKind.GENERATOR);
        // the CUDA layout (luna.cuda.decoder-batch) on the CPU: every decoder run padded to 4 chunks
        SplitGenerator padded = new SplitGenerator(runtime.environment(), latent, decoder, null,
                Generator.styleDimension(latent), 4);
        Voice v = new Voice(split.source(), split.config(), split.styles(), null, padded, 0);
        ModelSet paddedModels = new ModelSet(models.bert(), Map.of(v.name(), v), Map.of());
        String text = "今日はいい天気ですね散歩に行きましょうそれから公園でお弁当を食べて夕方まで本を読みましょう";
        ConcurrentLinkedQueue<Integer> decoderRuns = new ConcurrentLinkedQueue<>();
        EngineListener runs = new EngineListener() {
            @Override
            public void batch(Stage stage, int size, long nanos) {
                if (stage == Stage.DECODER) {
                    decoderRuns.add(size);
                }
            }

            @Override
            public void queueWait(Stage stage, long nanos) {
            }

            @Override
            public void audio(String voice, double audioSeconds) {
            }
        };
        try (BatchScheduler s = new BatchScheduler(new BatchOptions(8, Duration.ZERO, 100_000, 100, 1, 2), runs)) {
            List<float[]> whole;
            try (Utterance u = plan(text)) {
                whole = run(s, u);
            }
            decoderRuns.clear();
            List<Integer> chunks = new ArrayList<>();
            List<float[]> streamed;
            try (Utterance u = planner.plan(paddedModels, SynthesisRequest.of(text).withParams(FIXED))) {
                streamed = run(s, u, 0, chunks);
            }
            assertEquals(1, whole.size());
            assertEquals(whole.get(0).length, streamed.get(0).length);
            assertTrue(maxDelta(whole.get(0), streamed.get(0)) <= 1e-4f, "max |Δ| " + maxDelta(whole.get(0), streamed.get(0)));
            int n = chunks.get(0);
            int allAtOnce = (n + 3) / 4;
            int firstAlone = 1 + (n - 1 + 3) / 4;
            assertTrue(firstAlone > allAtOnce, n + " chunks: first-alone and all-at-once would run as often");
            // all chunks of the first piece queued at once: full runs of 4, not the first chunk alone
            assertEquals(allAtOnce, decoderRuns.size(), "decoder runs " + decoderRuns);
            assertTrue(decoderRuns.stream().allMatch(b -> b <= 4), "no run over the fixed batch: " + decoderRuns);
        } finally {
            v.retire();
        }
    }

    /** first, 2·first, 4·first, ... up to the chunk size, then chunks of that size, until the frames are covered. */
    static int expectedChunks(int frames, int first, int chunkFrames) {
        int n = 0;
        int size = first > 0 ? Math.min(first, chunkFrames) : chunkFrames;
        for (int start = 0; start < Math.max(1, frames); start += size, size = Math.min(chunkFrames, 2 * size)) {
            n++;
        }
        return n;
    }

    @Test
    void cancelledUtteranceStopsAndOthersFinish() throws Exception {
        try (BatchScheduler s = new BatchScheduler(new BatchOptions(4, Duration.ZERO, 100_000, 100, 1, 1),
                EngineListener.NONE)) {
            String many = String.join("\n", java.util.Collections.nCopies(30, "今日はいい天気ですね。"));
            Utterance doomed = plan(many);
            List<float[]> got = new ArrayList<>();
            SynthesisRun run = new SynthesisRun(doomed, models.bert(), s, 0, new SynthesisRun.Sink() {
                @Override
                public void audio(Utterance.Piece piece, float[] samples) {
                    got.add(samples);
                }

                @Override
                public void complete() {
                    throw new AssertionError("a cancelled run must not complete");
                }

                @Override
                public void fail(Throwable error) {
                    throw new AssertionError("a cancelled run must not fail", error);
                }
            });
            run.start();
            run.cancel();
            try (Utterance other = plan("はい。")) {
                assertEquals(1, run(s, other).size());
            }
            Thread.sleep(200);
            assertTrue(got.size() <= 1, "nothing delivered after cancel: " + got.size());
            doomed.close();
        }
    }
}
