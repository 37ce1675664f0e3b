package dev.luna.tts.engine.batch;

import dev.luna.tts.engine.voice.GeneratorScalars;
import dev.luna.tts.engine.Utterance;
import dev.luna.tts.engine.bert.BertModel;
import dev.luna.tts.engine.voice.Generator;
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
 * The two inference stages every piece of every request goes through: BERT (texts, batched by length) and generator
 * (pieces of one voice with the same scalar parameters, batched by length). Each stage has its own worker thread(s),
 * so one stage's next batch forms while the other runs. Items are taken oldest utterance first.
 */
public final class BatchScheduler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BatchScheduler.class);

    private final BatchOptions options;
    private final EngineListener listener;
    private final StageQueue<BertItem> bertQueue;
    private final StageQueue<GeneratorItem> generatorQueue;
    /** Runs completions (ordering, silence, the caller's sink) off the stage threads, which only run sessions. */
    private final ExecutorService delivery = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "luna-deliver");
        t.setDaemon(true);
        return t;
    });
    private final List<Thread> bertWorkers = new ArrayList<>();
    private final List<Thread> generatorWorkers = new ArrayList<>();

    public BatchScheduler(BatchOptions options, EngineListener listener) {
        this.options = options;
        this.listener = listener;
        this.bertQueue = new StageQueue<>(options);
        this.generatorQueue = new StageQueue<>(options);
        for (int i = 1; i <= options.workers(); i++) {
            bertWorkers.add(start("luna-bert-" + i, () -> loop(bertQueue, EngineListener.Stage.BERT, this::runBert)));
            generatorWorkers.add(start("luna-generator-" + i,
                    () -> loop(generatorQueue, EngineListener.Stage.GENERATOR, this::runGenerator)));
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

    /** BERT then generator for one piece; the future completes with the piece's audio (no silence added). */
    public CompletableFuture<float[]> piece(Utterance u, Utterance.Piece p, BertModel bert, float[] assistMean) {
        BertItem item = new BertItem(u, p, bert, p.bertText(), assistMean);
        bertQueue.add(item);
        return item.result.whenCompleteAsync((a, e) -> { }, delivery);
    }

    /** The mean BERT features of an utterance's assist text (SBV2 assist_text), through the BERT stage. */
    public CompletableFuture<float[]> assist(Utterance u, BertModel bert) {
        BertItem item = new BertItem(u, null, bert, u.assistText(), null);
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
                d.result.completeExceptionally(new CancellationException("utterance cancelled"));
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
                // a failed run fails its own items only; the stage goes on serving
                LOG.errorf(e, "%s batch of %d failed", stage.label(), batch.size());
                for (T item : batch) {
                    item.result.completeExceptionally(e);
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
            float[] expanded;
            try {
                expanded = BertModel.expand(rows, item.piece.input().word2ph(), item.assistMean,
                        item.utterance.params().assistTextWeight());
            } catch (RuntimeException e) {
                item.result.completeExceptionally(e);
                continue;
            }
            GeneratorItem g = new GeneratorItem(item, expanded);
            g.result.whenComplete((audio, err) -> {
                if (err != null) {
                    item.result.completeExceptionally(err);
                } else {
                    item.result.complete(audio);
                }
            });
            try {
                generatorQueue.add(g);
            } catch (IllegalStateException closed) {
                item.result.completeExceptionally(closed);
            }
        }
    }

    private void runGenerator(List<GeneratorItem> batch) throws Exception {
        GeneratorItem first = batch.get(0);
        Voice voice = first.utterance.voice();
        List<Generator.Item> items = batch.stream().map(g -> new Generator.Item(g.piece.input(), g.bert,
                g.utterance.style(), g.utterance.speakerId())).toList();
        List<float[]> audio = voice.generator().synthesize(items, first.scalars);
        double seconds = 0;
        for (int i = 0; i < batch.size(); i++) {
            seconds += audio.get(i).length / (double) voice.config().samplingRate();
        }
        listener.audio(voice.name(), seconds);
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result.complete(audio.get(i));
        }
    }

    // ---- items

    private abstract static class StageItem extends StageQueue.Item {
        final Utterance utterance;
        final CompletableFuture<float[]> result = new CompletableFuture<>();

        StageItem(Utterance u, int piece) {
            super(u.sequence(), piece);
            this.utterance = u;
        }

        @Override
        boolean cancelled() {
            return utterance.cancelled();
        }
    }

    private static final class BertItem extends StageItem {
        final Utterance.Piece piece;   // null for an assist text
        final BertModel bert;
        final String text;
        final float[] assistMean;

        BertItem(Utterance u, Utterance.Piece p, BertModel bert, String text, float[] assistMean) {
            super(u, p == null ? -1 : p.index());
            this.piece = p;
            this.bert = bert;
            this.text = text;
            this.assistMean = assistMean;
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

    private static final class GeneratorItem extends StageItem {
        final Utterance.Piece piece;
        final float[] bert;
        final GeneratorScalars scalars;
        final GeneratorKey key;

        GeneratorItem(BertItem from, float[] bert) {
            super(from.utterance, from.piece.index());
            this.piece = from.piece;
            this.bert = bert;
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
            return utterance.voice().generator().batched();
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        bertWorkers.forEach(Thread::interrupt);
        generatorWorkers.forEach(Thread::interrupt);
        delivery.shutdown();
    }
}
