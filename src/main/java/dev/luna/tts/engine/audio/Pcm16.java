package dev.luna.tts.engine.audio;

/**
 * Float audio → signed 16-bit little-endian PCM.
 * <p>
 * SBV2 peak-normalizes a whole utterance (x / max|x| · 32767), which needs all audio before the
 * first byte. A stream cannot know the peak ahead, so every chunk uses the same fixed scale:
 * clip to [−1, 1] and multiply by 32767, rounding to nearest. The generator ends in tanh, so its
 * output is already in [−1, 1] and nothing is clipped in practice; loudness is the model's own
 * (SBV2's output is louder when the peak is below 1).
 */
public final class Pcm16 {

    private Pcm16() {
    }

    public static byte[] encode(float[] samples) {
        return Pcm16Quantizer.toLittleEndian(samples, 0, samples.length);
    }

    /** {@code seconds} of zero samples at {@code sampleRate}, as PCM16 bytes. */
    public static byte[] silence(double seconds, int sampleRate) {
        long n = Math.round(Math.max(0, seconds) * sampleRate);
        return new byte[Math.toIntExact(n * 2)];
    }
}
