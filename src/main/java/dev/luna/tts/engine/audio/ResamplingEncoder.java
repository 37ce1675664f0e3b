package dev.luna.tts.engine.audio;

/**
 * What every encoder does the same way: input at the synthesizer's rate is resampled to the format's rate first
 * (none where they agree), the samples then go to the format's own coding, and {@link #finish()} hands over the
 * resampler's tail with the end of the stream. Subclasses code samples at the output rate only.
 */
abstract class ResamplingEncoder implements AudioEncoder {

    private final int outRate;
    private final Resampler resampler;   // null at the input rate
    private boolean finished;

    ResamplingEncoder(int inRate, int outRate) {
        this.outRate = outRate;
        this.resampler = inRate == outRate ? null : new Resampler(inRate, outRate);
    }

    @Override
    public int outputSampleRate() {
        return outRate;
    }

    @Override
    public final byte[] encode(float[] samples, int off, int len) {
        if (finished) {
            throw new IllegalStateException("encoder finished");
        }
        if (resampler == null) {
            return code(samples, off, len);
        }
        float[] r = resampler.process(samples, off, len);
        return code(r, 0, r.length);
    }

    @Override
    public final byte[] finish() {
        if (finished) {
            throw new IllegalStateException("encoder finished");
        }
        finished = true;
        return end(resampler == null ? new float[0] : resampler.finish());
    }

    /** Codes samples at the output rate; returns the bytes ready now. */
    abstract byte[] code(float[] samples, int off, int len);

    /** Codes the last samples at the output rate (possibly none) and ends the stream. */
    abstract byte[] end(float[] tail);
}
