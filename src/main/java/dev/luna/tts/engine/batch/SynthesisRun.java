package dev.luna.tts.engine.batch;

import dev.luna.tts.engine.Utterance;
import dev.luna.tts.engine.bert.BertModel;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/**
 * One utterance through the scheduler: its pieces go in at most {@code lookahead} at a time, and their audio comes
 * out in order (each with the split_interval silence before it), as soon as the piece and all before it are done.
 * This is the request path every endpoint and the warm-up use.
 */
public final class SynthesisRun {

    /** Receives the utterance's audio in order; calls are serialized. */
    public interface Sink {
        /** Audio of piece {@code piece}, silence before it included. */
        void audio(Utterance.Piece piece, float[] samples);

        void complete();

        void fail(Throwable error);
    }

    private final Utterance utterance;
    private final BertModel bert;
    private final BatchScheduler scheduler;
    private final Sink sink;
    private final float[][] done;
    private float[] assistMean;
    private int submitted;
    private int delivered;
    private boolean finished;

    public SynthesisRun(Utterance utterance, BertModel bert, BatchScheduler scheduler, Sink sink) {
        this.utterance = utterance;
        this.bert = bert;
        this.scheduler = scheduler;
        this.sink = sink;
        this.done = new float[utterance.pieces().size()][];
    }

    public void start() {
        if (utterance.assistText() == null) {
            pump();
            return;
        }
        scheduler.assist(utterance, bert).whenComplete((mean, err) -> {
            synchronized (this) {
                if (err != null) {
                    fail(err);
                    return;
                }
                assistMean = mean;
            }
            pump();
        });
    }

    /** Client gone: no further piece is started, queued ones are dropped, the sink hears nothing more. */
    public synchronized void cancel() {
        finished = true;
        utterance.cancel();
    }

    private synchronized void pump() {
        int lookahead = scheduler.options().lookahead();
        while (!finished && submitted < done.length && submitted < delivered + lookahead) {
            int i = submitted++;
            Utterance.Piece p = utterance.pieces().get(i);
            try {
                scheduler.piece(utterance, p, bert, assistMean).whenComplete((audio, err) -> onDone(i, audio, err));
            } catch (RuntimeException e) {   // scheduler closed (shutting down)
                fail(e);
            }
        }
    }

    private synchronized void onDone(int i, float[] audio, Throwable err) {
        if (finished) {
            return;
        }
        if (err != null) {
            fail(err);
            return;
        }
        done[i] = audio;
        while (delivered < done.length && done[delivered] != null) {
            Utterance.Piece p = utterance.pieces().get(delivered);
            float[] a = done[delivered];
            done[delivered] = null;
            delivered++;
            int gap = utterance.silenceBefore(p);
            if (gap > 0) {
                float[] withGap = new float[gap + a.length];
                System.arraycopy(a, 0, withGap, gap, a.length);
                a = withGap;
            }
            sink.audio(p, a);
            if (finished) {
                return;   // the sink cancelled
            }
        }
        if (delivered == done.length) {
            finished = true;
            sink.complete();
        } else {
            pump();
        }
    }

    private void fail(Throwable err) {
        if (finished) {
            return;
        }
        finished = true;
        utterance.cancel();
        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        if (!(cause instanceof CancellationException)) {
            sink.fail(cause);
        }
    }
}
