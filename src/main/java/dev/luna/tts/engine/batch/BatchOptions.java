package dev.luna.tts.engine.batch;

import java.time.Duration;

/**
 * How the two stages form batches.
 *
 * @param maxSize          pieces (BERT: texts) per run at most
 * @param maxWait          how long the oldest waiting piece may wait for company when the stage is busy
 * @param maxPaddedLength  batch size × longest item (phones for the generator, tokens for BERT) at most: bounds
 *                         the memory one run takes
 * @param maxLengthRatio   longest / shortest item in one batch at most (padding is wasted work)
 * @param workers          threads per stage (a session's runs share one device stream: 1 is usually best)
 * @param lookahead        pieces of one utterance in the pipeline at once (later pieces are submitted as earlier
 *                         ones finish, so a long request cannot crowd out the requests behind it)
 * @param decoderWorkers   threads of the decoder stage (split graphs): on CUDA one decoder thread was the
 *                         bottleneck at 32 clients (BENCHMARKS.md)
 */
public record BatchOptions(int maxSize, Duration maxWait, int maxPaddedLength, double maxLengthRatio, int workers,
                           int lookahead, int decoderWorkers) {

    public BatchOptions(int maxSize, Duration maxWait, int maxPaddedLength, double maxLengthRatio, int workers,
                        int lookahead) {
        this(maxSize, maxWait, maxPaddedLength, maxLengthRatio, workers, lookahead, workers);
    }

    public BatchOptions {
        if (maxSize < 1 || workers < 1 || lookahead < 1 || maxPaddedLength < 1 || !(maxLengthRatio >= 1)
                || decoderWorkers < 1) {
            throw new IllegalArgumentException("batch options out of range: " + maxSize + ", " + workers + ", "
                    + lookahead + ", " + maxPaddedLength + ", " + maxLengthRatio + ", " + decoderWorkers);
        }
    }
}
