package dev.luna.tts.engine.audio;

import java.io.ByteArrayOutputStream;
import java.util.Random;

/** Signals and measures shared by the audio tests and the benchmark. */
final class TestSignals {

    private TestSignals() {
    }

    /**
     * Speech-like test audio: a voiced source (12 harmonics of a gliding 110–170 Hz pitch, 1/h
     * rolloff) with a syllable-rate envelope, plus white noise 22 dB below it and 0.15 s of silence
     * at both ends, seeded so every run is identical. Peak about 0.6, like the tiny voice's output.
     */
    static float[] speechLike(int rate, double seconds, long seed) {
        int n = (int) Math.round(rate * seconds);
        float[] x = new float[n];
        Random r = new Random(seed);
        double phase = 0;
        int edge = (int) (0.15 * rate);
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate;
            double f0 = 140 + 30 * Math.sin(2 * Math.PI * 1.3 * t);
            phase += 2 * Math.PI * f0 / rate;
            double s = 0;
            for (int h = 1; h <= 12; h++) {
                s += Math.sin(h * phase + h) / h;
            }
            double env = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t);
            double v = 0.22 * s * env + 0.02 * r.nextGaussian();
            x[i] = i < edge || i >= n - edge ? 0f : (float) v;
        }
        return x;
    }

    /** Uneven chunk sizes, as a synthesizer with sentence pieces of varying length produces. */
    static final int[] CHUNKS = {8820, 1, 0, 4410, 333, 17, 12000, 960, 4096, 2049};

    /** Encodes {@code x} fed in {@link #CHUNKS} (cycled); the whole stream, finish included. */
    static byte[] encodeChunked(AudioEncoder e, float[] x) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        int c = 0;
        while (i < x.length) {
            int len = Math.min(CHUNKS[c++ % CHUNKS.length], x.length - i);
            out.writeBytes(e.encode(x, i, len));
            i += len;
        }
        out.writeBytes(e.finish());
        return out.toByteArray();
    }

    static byte[] encodeWhole(AudioEncoder e, float[] x) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(e.encode(x));
        out.writeBytes(e.finish());
        return out.toByteArray();
    }

    static short[] quantize(float[] x) {
        return Pcm16Quantizer.quantize(x, 0, x.length);
    }

    static short[] le16(byte[] b, int off) {
        short[] s = new short[(b.length - off) / 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) ((b[off + 2 * i] & 0xFF) | (b[off + 2 * i + 1] << 8));
        }
        return s;
    }

    /** 10·log10(Σref² / Σ(ref − test[i + lag])²) over ref's length. */
    static double snrDb(short[] ref, short[] test, int lag) {
        double s = 0;
        double e = 0;
        for (int i = 0; i < ref.length; i++) {
            int j = i + lag;
            double t = j >= 0 && j < test.length ? test[j] : 0;
            s += (double) ref[i] * ref[i];
            e += (ref[i] - t) * (ref[i] - t);
        }
        return 10 * Math.log10(s / Math.max(e, 1e-9));
    }
}
