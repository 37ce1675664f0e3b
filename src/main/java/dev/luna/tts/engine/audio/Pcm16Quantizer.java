package dev.luna.tts.engine.audio;

/**
 * Float sample → signed 16-bit, the fixed scale the service streams with: clip to [−1, 1] (NaN to
 * 0), × 32767, round half up ({@link Math#round(float)}). SBV2 peak-normalizes the whole utterance
 * instead, which a stream cannot (the peak is unknown before the end); a fixed scale keeps every
 * chunk consistent, so a streamed and a complete response carry the same samples.
 */
public final class Pcm16Quantizer {

    private Pcm16Quantizer() {
    }

    public static short quantize(float x) {
        if (!(x >= -1f)) {   // NaN too
            x = x != x ? 0f : -1f;
        } else if (x > 1f) {
            x = 1f;
        }
        return (short) Math.round(x * 32767f);
    }

    public static short[] quantize(float[] in, int off, int len) {
        short[] out = new short[len];
        for (int i = 0; i < len; i++) {
            out[i] = quantize(in[off + i]);
        }
        return out;
    }

    /** Little-endian bytes of the quantized samples. */
    public static byte[] toLittleEndian(float[] in, int off, int len) {
        byte[] out = new byte[len * 2];
        for (int i = 0; i < len; i++) {
            short s = quantize(in[off + i]);
            out[2 * i] = (byte) s;
            out[2 * i + 1] = (byte) (s >> 8);
        }
        return out;
    }
}
