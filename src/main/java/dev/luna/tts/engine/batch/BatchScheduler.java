package dev.luna.tts.engine.batch;

import dev.luna.tts.engine.voice.GeneratorScalars;
import dev.luna.tts.engine.Utterance;
import dev.luna.tts.engine.bert.BertModel;
import dev.luna.tts.engine.voice.Generator;
import dev.luna.tts.engine.voice.SplitGenerator;
import dev.luna.tts.engine.voice.Voice;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The inference stages every piece of every request goes through: BERT (texts, batched by length), generator (pieces
 * of one voice with the same scalar parameters, batched by length: the whole graph, or the latent graph of a voice
 * with split graphs) and decoder (fixed-size chunks of a split voice's frames, batched across requests). Each stage
 * has its own worker thread(s), so one stage's next batch forms while the others run. Items are taken oldest
 * utterance first.
 */
public final class BatchScheduler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BatchScheduler.class);

    private final BatchOptions options;
    private final EngineListener listener;
    private final StageQueue<BertItem> bertQueue;
    private final StageQueue<GeneratorItem> generatorQueue;
    private final StageQueue<DecoderItem> decoderQueue;
    /** Runs completions (ordering, silence, the caller's sink) off the stage threads, which only run sessions. */
    private final ExecutorService delivery = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "luna-deliver");
        t.setDaemon(true);
        return t;
    });
    private final List<Thread> bertWorkers = new ArrayList<>();
    private final List<Thread> generatorWorkers = new ArrayList<>();
    private final List<Thread> decoderWorkers = new ArrayList<>();

    public BatchScheduler(BatchOptions options, EngineListener listener) {
        this.options = options;
        this.listener = listener;
        this.bertQueue = new StageQueue<>(options);
        this.generatorQueue = new StageQueue<>(options);
        this.decoderQueue = new StageQueue<>(options);
        for (int i = 1; i <= options.workers(); i++) {
            bertWorkers.add(start("luna-bert-" + i, () -> loop(bertQueue, EngineListener.Stage.BERT, this::runBert)));
            generatorWorkers.add(start("luna-generator-" + i,
                    () -> loop(generatorQueue, EngineListener.Stage.GENERATOR, this::runGenerator)));
        }
        for (int i = 1; i <= options.decoderWorkers(); i++) {
            decoderWorkers.add(start("luna-decoder-" + i,
                    () -> loop(decoderQueue, EngineListener.Stage.DECODER, this::runDecoder)));
        }
    }

    public BatchOptions options() {
        return options;
    }

    /** Items waiting in the BERT stage. */
    public int bertQueued() {
        return bertQueue.size();
    }

    /** Items waiting in the generator stage. */
    public int generatorQueued() {
        return generatorQueue.size();
    }

    /** Chunks waiting in the decoder stage. */
    public int decoderQueued() {
        return decoderQueue.size();
    }

    /** Receives one piece's audio as chunks (in any order, on delivery threads); whole-graph voices send one. */
    public interface PieceSink {
        void chunk(int index, int total, float[] audio);

        void failed(Throwable error);
    }

    /**
     * BERT, then the generator (whole graph), or the latent graph and then the decoder chunk by chunk (split
     * graphs), for one piece.
     */
    public void piece(Utterance u, Utterance.Piece p, BertModel bert, float[] assistMean, int firstChunkFrames,
                      PieceSink sink) {
        BertItem item = new BertItem(u, p, bert, p.bertText(), assistMean, firstChunkFrames, sink);
        bertQueue.add(item);
    }

    /** The mean BERT features of an utterance's assist text (SBV2 assist_text), through the BERT stage. */
    public CompletableFuture<float[]> assist(Utterance u, BertModel bert) {
        BertItem item = new BertItem(u, null, bert, u.assistText(), null, 0, null);
        bertQueue.add(item);
        return item.result.whenCompleteAsync((a, e) -> { }, delivery);
    }

    // ---- the stages

    private interface Runner<T> {
        void run(List<T> batch) throws Exception;
    }

    private <T extends StageItem> void loop(StageQueue<T> queue, EngineListener.Stage stage, Runner<T> runner) {
        List<T> dropped = new ArrayList<>();
        while (true) {
            List<T> batch;
            try {
                batch = queue.take(dropped);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (T d : dropped) {
                d.fail(new CancellationException("utterance cancelled"));
            }
            if (batch.isEmpty()) {
                if (dropped.isEmpty()) {
                    return;   // closed and drained
                }
                dropped.clear();
                continue;
            }
            long t0 = System.nanoTime();
            for (T item : batch) {
                listener.queueWait(stage, t0 - item.enqueuedNanos);
            }
            try {
                runner.run(batch);
                listener.batch(stage, batch.size(), System.nanoTime() - t0);
            } catch (Throwable e) {
                if (batch.size() == 1) {
                    // a failed run fails its own item only; the stage goes on serving
                    LOG.errorf(e, "%s run failed", stage.label());
                    batch.get(0).fail(e);
                    continue;
                }
                // a batch can fail where its items alone do not (the arena cap, luna.cuda.gpu-mem-limit, is hit
                // by a batch of long pieces): run them one by one rather than fail them all
                LOG.warnf("%s batch of %d failed (%s); running its items one at a time", stage.label(), batch.size(),
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse(""));
                for (T item : batch) {
                    try {
                        runner.run(List.of(item));
                        listener.batch(stage, 1, System.nanoTime() - t0);
                    } catch (Throwable single) {
                        LOG.errorf(single, "%s run failed", stage.label());
                        item.fail(single);
                    }
                }
            }
        }
    }

    private void runBert(List<BertItem> batch) throws Exception {
        List<String> texts = batch.stream().map(i -> i.text).toList();
        List<float[][]> features = batch.get(0).bert.features(texts);
        for (int i = 0; i < batch.size(); i++) {
            BertItem item = batch.get(i);
            float[][] rows = features.get(i);
            if (item.piece == null) {
                item.result.complete(BertModel.mean(rows));
                continue;
            }
            try {
                float[] expanded = BertModel.expand(rows, item.piece.input().word2ph(), item.assistMean,
                        item.utterance.params().assistTextWeight());
                generatorQueue.add(new GeneratorItem(item, expanded));
            } catch (RuntimeException e) {   // a word2ph mismatch (a bug) or the scheduler closing
                item.fail(e);
            }
        }
    }

    private void runGenerator(List<GeneratorItem> batch) throws Exception {
        GeneratorItem first = batch.get(0);
        Voice voice = first.utterance.voice();
        List<Generator.Item> items = batch.stream().map(g -> new Generator.Item(g.piece.input(), g.bert,
                g.utterance.style(), g.utterance.speakerId())).toList();
        SplitGenerator split = voice.split();
        if (split != null) {
            List<SplitGenerator.Latent> latents = split.latent(items, first.scalars);
            List<DecoderItem> chunks = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                GeneratorItem g = batch.get(i);
                // the first piece of a request starts with its first chunk alone (of firstChunkFrames where set),
                // so its first audio leaves after one small decoder run; the other chunks (and later pieces'
                // chunks) follow and share runs. With a fixed decoder batch a run costs the same however many of
                // its slots hold chunks, so the first piece's next chunks go in at once and fill slots that would
                // otherwise be padding (older requests' chunks still come first)
                boolean opening = g.piece.index() == 0;
                List<SplitGenerator.Chunk> plan = split.chunks(latents.get(i), opening ? g.firstChunkFrames : 0);
                boolean alone = opening && split.fixedBatch() == 0 && plan.size() > 1;
                for (int c = 0; c < (alone ? 1 : plan.size()); c++) {
                    chunks.add(new DecoderItem(g, plan, c, alone));
                }
            }
            decoderQueue.addAll(chunks);
            return;
        }
        List<float[]> audio = voice.generator().synthesize(items, first.scalars);
        double seconds = 0;
        for (int i = 0; i < batch.size(); i++) {
            seconds += audio.get(i).length / (double) voice.config().samplingRate();
        }
        listener.audio(voice.name(), seconds);
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).deliver(0, 1, audio.get(i));
        }
    }

    private void runDecoder(List<DecoderItem> batch) throws Exception {
        Voice voice = batch.get(0).utterance.voice();
        List<float[]> audio = voice.split().decode(batch.stream().map(DecoderItem::chunk).toList());
        double seconds = 0;
        for (float[] a : audio) {
            seconds += a.length / (double) voice.config().samplingRate();
        }
        listener.audio(voice.name(), seconds);   // before delivery, as for the whole graph: a failure fails the run
        for (int i = 0; i < batch.size(); i++) {
            DecoderItem d = batch.get(i);
            d.deliver(d.index, d.plan.size(), audio.get(i));
            if (d.leads) {   // the chunks of its piece that waited for it
                List<DecoderItem> rest = new ArrayList<>();
                for (int c = 1; c < d.plan.size(); c++) {
                    rest.add(new DecoderItem(d, d.plan, c, false));
                }
                try {
                    decoderQueue.addAll(rest);
                } catch (IllegalStateException closed) {
                    d.fail(closed);
                }
            }
        }
    }

    // ---- items

    private abstract class StageItem extends StageQueue.Item {
        final Utterance utterance;
        final Utterance.Piece piece;   // null for an assist text
        final PieceSink sink;          // null for an assist text
        final CompletableFuture<float[]> result = new CompletableFuture<>();   // assist texts only

        StageItem(Utterance u, Utterance.Piece piece, PieceSink sink) {
            super(u.sequence(), piece == null ? -1 : piece.index());
            this.utterance = u;
            this.piece = piece;
            this.sink = sink;
        }

        @Override
        boolean cancelled() {
            return utterance.cancelled();
        }

        void deliver(int index, int total, float[] audio) {
            delivery.execute(() -> sink.chunk(index, total, audio));
        }

        void fail(Throwable e) {
            if (sink == null) {
                result.completeExceptionally(e);
            } else {
                delivery.execute(() -> sink.failed(e));
            }
        }
    }

    private final class BertItem extends StageItem {
        final BertModel bert;
        final String text;
        final float[] assistMean;
        final int firstChunkFrames;

        BertItem(Utterance u, Utterance.Piece p, BertModel bert, String text, float[] assistMean, int firstChunkFrames,
                 PieceSink sink) {
            super(u, p, sink);
            this.bert = bert;
            this.text = text;
            this.assistMean = assistMean;
            this.firstChunkFrames = firstChunkFrames;
        }

        @Override
        Object key() {
            return bert;
        }

        @Override
        int length() {
            return text.codePointCount(0, text.length()) + 2;
        }

        @Override
        boolean batchable() {
            return bert.batched();
        }
    }

    /** Generator items batch when voice and scalar parameters are the same. */
    private record GeneratorKey(Voice voice, GeneratorScalars scalars) {
    }

    private final class GeneratorItem extends StageItem {
        final float[] bert;
        final GeneratorScalars scalars;
        final GeneratorKey key;
        final int firstChunkFrames;

        GeneratorItem(BertItem from, float[] bert) {
            super(from.utterance, from.piece, from.sink);
            this.bert = bert;
            this.firstChunkFrames = from.firstChunkFrames;
            this.scalars = from.utterance.params().scalars();
            this.key = new GeneratorKey(from.utterance.voice(), scalars);
        }

        @Override
        Object key() {
            return key;
        }

        @Override
        int length() {
            return piece.phones();
        }

        @Override
        boolean batchable() {
            Voice v = utterance.voice();
            return v.split() != null || v.generator().batched();
        }
    }

    /** Decoder items batch when voice, chunk size and left margin are the same (one run has one shape). */
    private record DecoderKey(Voice voice, int frames, boolean fromEdge) {
    }

    /**
     * Chunk {@code index} of a piece's plan; chunks of one size of any requests of one voice share runs, up to the
     * voice's fixed decoder batch where it has one.
     */
    private final class DecoderItem extends StageItem {
        final List<SplitGenerator.Chunk> plan;
        final int index;
        final DecoderKey key;
        /** The first chunk sent alone: its delivery queues the piece's other chunks. */
        final boolean leads;

        DecoderItem(StageItem from, List<SplitGenerator.Chunk> plan, int index, boolean leads) {
            super(from.utterance, from.piece, from.sink);
            this.plan = plan;
            this.index = index;
            this.leads = leads;
            SplitGenerator.Chunk chunk = plan.get(index);
            this.key = new DecoderKey(from.utterance.voice(), chunk.frames(),
                    from.utterance.voice().split().fromEdge(chunk));
        }

        @Override
        int maxBatch() {
            int fixed = utterance.voice().split().fixedBatch();
            return fixed > 0 ? fixed : Integer.MAX_VALUE;
        }

        SplitGenerator.Chunk chunk() {
            return plan.get(index);
        }

        @Override
        Object key() {
            return key;
        }

        @Override
        int length() {
            return utterance.voice().split().window(chunk());
        }

        @Override
        boolean batchable() {
            return true;
        }
    }

    private static Thread start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Stops taking new work, lets the queued work finish (up to the timeout), then stops the workers. */
    @Override
    public void close() {
        bertQueue.close();
        try {
            for (Thread t : bertWorkers) {
                t.join(TimeUnit.SECONDS.toMillis(30));
            }
            generatorQueue.close();
            for (Thread t : generatorWorkers) {
                t.join(TimeUnit.SECONDS.toMillis(30));
            }
            decoderQueue.close();
            for (Thread t : decoderWorkers) {
                t.join(TimeUnit.SECONDS.toMillis(30));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        bertWorkers.forEach(Thread::interrupt);
        generatorWorkers.forEach(Thread::interrupt);
        decoderWorkers.forEach(Thread::interrupt);
        delivery.shutdown();
    }
}
