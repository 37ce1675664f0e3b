package dev.luna.tts.engine.audio;

/**
 * {@code wav} and {@code pcm}: 16-bit little-endian samples, resampled first when the output rate
 * differs from the input's. WAV starts with the 44-byte RIFF header whose RIFF and data sizes are
 * 0xFFFFFFFF (length unknown when the header leaves), as the service streams today; at the input
 * rate its samples are the service's exactly ({@link Pcm16Quantizer}).
 */
final class PcmEncoder implements AudioEncoder {

    /** Size fields of a stream whose length is unknown when the header is sent. */

    private final AudioFormat format;
    private final int outRate;
    private final Resampler resampler; // null at the input rate
    private boolean headerSent;
    private boolean finished;

    PcmEncoder(AudioFormat format, int inRate, int outRate) {
        if (format != AudioFormat.WAV && format != AudioFormat.PCM) {
            throw new IllegalArgumentException(format + " is not raw PCM");
        }
        this.format = format;
        this.outRate = outRate;
        this.resampler = inRate == outRate ? null : new Resampler(inRate, outRate);
    }

    @Override
    public AudioFormat format() {
        return format;
    }

    @Override
    public int outputSampleRate() {
        return outRate;
    }

    @Override
    public byte[] encode(float[] samples, int off, int len) {
        if (finished) {
            throw new IllegalStateException("encoder finished");
        }
        if (resampler == null) {
            return withHeader(Pcm16Quantizer.toLittleEndian(samples, off, len));
        }
        float[] r = resampler.process(samples, off, len);
        return withHeader(Pcm16Quantizer.toLittleEndian(r, 0, r.length));
    }

    @Override
    public byte[] finish() {
        if (finished) {
            throw new IllegalStateException("encoder finished");
        }
        finished = true;
        float[] r = resampler == null ? new float[0] : resampler.finish();
        return withHeader(Pcm16Quantizer.toLittleEndian(r, 0, r.length));
    }

    private byte[] withHeader(byte[] pcm) {
        if (headerSent || format != AudioFormat.WAV) {
            return pcm;
        }
        headerSent = true;
        byte[] h = WavHeader.of(outRate, WavHeader.UNKNOWN);
        byte[] out = new byte[h.length + pcm.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(pcm, 0, out, h.length, pcm.length);
        return out;
    }
}
