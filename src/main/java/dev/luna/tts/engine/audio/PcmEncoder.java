package dev.luna.tts.engine.audio;

/**
 * {@code wav} and {@code pcm}: 16-bit little-endian samples, resampled first when the output rate
 * differs from the input's. WAV starts with the 44-byte RIFF header whose RIFF and data sizes are
 * 0xFFFFFFFF (length unknown when the header leaves), as the service streams today; at the input
 * rate its samples are the service's exactly ({@link Pcm16Quantizer}).
 */
final class PcmEncoder extends ResamplingEncoder {

    private final AudioFormat format;
    private boolean headerSent;

    PcmEncoder(AudioFormat format, int inRate, int outRate) {
        super(inRate, outRate);
        if (format != AudioFormat.WAV && format != AudioFormat.PCM) {
            throw new IllegalArgumentException(format + " is not raw PCM");
        }
        this.format = format;
    }

    @Override
    public AudioFormat format() {
        return format;
    }

    @Override
    byte[] code(float[] samples, int off, int len) {
        return withHeader(Pcm16Quantizer.toLittleEndian(samples, off, len));
    }

    @Override
    byte[] end(float[] tail) {
        return code(tail, 0, tail.length);
    }

    private byte[] withHeader(byte[] pcm) {
        if (headerSent || format != AudioFormat.WAV) {
            return pcm;
        }
        headerSent = true;
        byte[] h = WavHeader.of(outputSampleRate(), WavHeader.UNKNOWN);
        byte[] out = new byte[h.length + pcm.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(pcm, 0, out, h.length, pcm.length);
        return out;
    }
}
