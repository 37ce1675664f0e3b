package dev.luna.tts.engine.batch;

import dev.luna.tts.engine.Utterance;
import dev.luna.tts.engine.bert.BertModel;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/**
 * One utterance through the scheduler: its pieces go in at most {@code lookahead} at a time, and their audio comes
 * out in order — chunk by chunk for voices with split graphs, piece by piece otherwise — each piece with the
 * split_interval silence before it, as soon as it and everything before it are done. This is the request path every
 * endpoint and the warm-up use.
 */
public final class SynthesisRun {

    /** Receives the utterance's audio in order; calls are serialized. */
    public interface Sink {
        /** The next audio of piece {@code piece} (silence before the piece included in its first chunk). */
        void audio(Utterance.Piece piece, float[] samples);

        void complete();

        void fail(Throwable error);
    }

    private final Utterance utterance;
    private final BertModel bert;
    private final BatchScheduler scheduler;
    private final Sink sink;
    private final int firstChunkFrames;
    /** Per piece: its chunks as they arrive (null until the piece's first chunk says how many). */
    private final float[][][] chunks;
    private float[] assistMean;
    private int submitted;
    /** The piece being delivered, and its next chunk. */
    private int piece;
    private int chunk;
    private boolean finished;

    /**
     * @param firstChunkFrames frames of the first decoder chunk of the first piece (voices with split graphs), each
     *                         next chunk twice the last up to the voice's chunk size; 0: all of the voice's size
     */
    public SynthesisRun(Utterance utterance, BertModel bert, BatchScheduler scheduler, int firstChunkFrames, Sink sink) {
        this.utterance = utterance;
        this.firstChunkFrames = firstChunkFrames;
        this.bert = bert;
        this.scheduler = scheduler;
        this.sink = sink;
        this.chunks = new float[utterance.pieces().size()][][];
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
        while (!finished && submitted < chunks.length && submitted < piece + lookahead) {
            int i = submitted++;
            Utterance.Piece p = utterance.pieces().get(i);
            try {
                scheduler.piece(utterance, p, bert, assistMean, firstChunkFrames, new BatchScheduler.PieceSink() {
                    @Override
                    public void chunk(int index, int total, float[] audio) {
                        onChunk(i, index, total, audio);
                    }

                    @Override
                    public void failed(Throwable error) {
                        synchronized (SynthesisRun.this) {
                            fail(error);
                        }
                    }
                });
            } catch (RuntimeException e) {   // scheduler closed (shutting down)
                fail(e);
            }
        }
    }

    private synchronized void onChunk(int i, int index, int total, float[] audio) {
        if (finished) {
            return;
        }
        if (chunks[i] == null) {
            chunks[i] = new float[total][];
        }
        chunks[i][index] = audio;
        while (piece < chunks.length && chunks[piece] != null && chunk < chunks[piece].length
                && chunks[piece][chunk] != null) {
            Utterance.Piece p = utterance.pieces().get(piece);
            float[] a = chunks[piece][chunk];
            chunks[piece][chunk] = null;
            int gap = chunk == 0 ? utterance.silenceBefore(p) : 0;
            if (gap > 0) {
                float[] withGap = new float[gap + a.length];
                System.arraycopy(a, 0, withGap, gap, a.length);
                a = withGap;
            }
            if (++chunk == chunks[piece].length) {
                piece++;
                chunk = 0;
            }
            sink.audio(p, a);
            if (finished) {
                return;   // the sink cancelled
            }
        }
        if (piece == chunks.length) {
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
