package dev.luna.tts.engine.audio;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Streaming sample-rate converter for any rational ratio: a Kaiser-windowed sinc evaluated as a
 * polyphase filter bank.
 * <p>
 * Output sample {@code j} sits at input time {@code t = j·M/L} (the ratio {@code out/in} reduced to
 * {@code L/M}); it is {@code Σ x[n]·g(t − n)} over the {@code 2K} input samples around {@code t},
 * with {@code g} the band-limited interpolation kernel. {@code t} has only {@code L} distinct
 * fractional parts, so the kernel is tabulated once per phase. The kernel is zero-phase (centred
 * on {@code t}), so output sample 0 lines up with input sample 0 and no delay has to be trimmed;
 * samples before the start and after the end count as silence.
 * <p>
 * Design: passband flat to 90 % of the lower Nyquist frequency, 6 dB point at 95 %, stopband
 * (≥ {@value #STOPBAND_DB} dB by Kaiser's formula) from the lower Nyquist frequency on, so nothing
 * above the output's Nyquist frequency aliases back audibly. The filter length follows from Kaiser's
 * estimate {@code N = (A − 7.95) / (2.285·Δω)}.
 * <p>
 * Every output sample is computed from the same input samples in the same order whatever the chunk
 * boundaries, so feeding a signal in pieces gives bit-identical output to feeding it whole. The
 * total output length is {@code round(n·out/in)} (half up).
 */
public final class Resampler {

    static final double STOPBAND_DB = 100.0;
    private static final double PASS_EDGE = 0.90;
    private static final double CUTOFF = 0.95;
    /** Above this many tabulated coefficients, they are computed per output sample instead. */
    private static final long MAX_TABLE = 1 << 22;

    private final int inRate;
    private final int outRate;
    private final int up;     // L
    private final int down;   // M
    private final int half;   // K: taps on each side of t
    private final double fc;  // cutoff in cycles per input sample
    private final double beta;
    private final double i0Beta;
    private final float[][] table; // [phase][2K], null when computed on the fly
    private static final Map<List<Integer>, float[][]> TABLES = new ConcurrentHashMap<>();

    private float[] buf = new float[1024];
    private long bufStart;   // absolute index of buf[0]
    private int bufLen;
    private long inCount;    // input samples received
    private long outCount;   // output samples produced
    private boolean finished;

    public Resampler(int inRate, int outRate) {
        if (inRate <= 0 || outRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + inRate + " -> " + outRate);
        }
        this.inRate = inRate;
        this.outRate = outRate;
        int g = gcd(inRate, outRate);
        this.up = outRate / g;
        this.down = inRate / g;
        double ratio = Math.min(1.0, (double) outRate / inRate); // lower Nyquist / input Nyquist
        this.fc = 0.5 * ratio * CUTOFF;
        // transition band from PASS_EDGE to 1.0 of the lower Nyquist, in radians per input sample
        double dw = 2 * Math.PI * 0.5 * ratio * (1.0 - PASS_EDGE);
        int taps = (int) Math.ceil((STOPBAND_DB - 7.95) / (2.285 * dw));
        this.half = Math.max(2, (taps + 1) / 2);
        this.beta = 0.1102 * (STOPBAND_DB - 8.7);
        this.i0Beta = besselI0(beta);
        this.table = up == down || (long) up * 2 * half > MAX_TABLE ? null
                : TABLES.computeIfAbsent(List.of(up, down), k -> tabulate());
    }

    /** The kernel at every phase; shared by all resamplers of one ratio (the design depends on it alone). */
    private float[][] tabulate() {
        float[][] t = new float[up][2 * half];
        for (int p = 0; p < up; p++) {
            for (int k = 0; k < 2 * half; k++) {
                t[p][k] = (float) kernel(half - 1 - k + (double) p / up);
            }
        }
        return t;
    }

    public int inputRate() {
        return inRate;
    }

    public int outputRate() {
        return outRate;
    }

    /** Output samples a whole input of {@code n} samples gives: round(n·out/in), half up. */
    public long outputLength(long n) {
        return Math.floorDiv(n * up * 2 + down, 2L * down);
    }

    /** Feeds {@code len} samples; returns the output samples that are complete now (possibly none). */
    public float[] process(float[] in, int off, int len) {
        if (finished) {
            throw new IllegalStateException("resampler already finished");
        }
        java.util.Objects.checkFromIndexSize(off, len, in.length);
        if (up == down) {
            inCount += len;
            outCount += len;
            return Arrays.copyOfRange(in, off, off + len);
        }
        append(in, off, len);
        inCount += len;
        // output j needs inputs up to floor(j·M/L) + K
        long maxI = inCount - 1 - half;
        long n = maxI < 0 ? 0 : Math.floorDiv(maxI * up, down) + 1; // outputs j with floor(jM/L) <= maxI
        return produce(n - outCount);
    }

    public float[] process(float[] in) {
        return process(in, 0, in.length);
    }

    /** Ends the stream: the remaining outputs, with silence after the last input sample. */
    public float[] finish() {
        if (finished) {
            throw new IllegalStateException("resampler already finished");
        }
        finished = true;
        if (up == down) {
            return new float[0];
        }
        return produce(outputLength(inCount) - outCount);
    }

    /** Converts a whole signal at once (same result as streaming it). */
    public static float[] resample(float[] in, int inRate, int outRate) {
        Resampler r = new Resampler(inRate, outRate);
        float[] a = r.process(in);
        float[] b = r.finish();
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private float[] produce(long count) {
        if (count <= 0) {
            return new float[0];
        }
        float[] out = new float[Math.toIntExact(count)];
        for (int o = 0; o < out.length; o++) {
            long j = outCount + o;
            long jm = j * down;
            long i = Math.floorDiv(jm, up);
            int p = (int) (jm - i * up);
            long first = i - half + 1;
            double acc = 0;
            if (table != null && first >= 0 && first + 2 * half <= inCount) {
                // all taps inside the signal: the common case, without per-tap checks
                float[] h = table[p];
                int base = (int) (first - bufStart);
                for (int k = 0; k < h.length; k++) {
                    acc += h[k] * buf[base + k];
                }
            } else {
                for (int k = 0; k < 2 * half; k++) {
                    long idx = first + k;
                    if (idx < 0 || idx >= inCount) {
                        continue;
                    }
                    float c = table != null ? table[p][k] : (float) kernel(half - 1 - k + (double) p / up);
                    acc += c * buf[(int) (idx - bufStart)];
                }
            }
            out[o] = (float) acc;
        }
        outCount += count;
        // drop inputs no later output can use: the next output starts at floor(jM/L) - K + 1
        long keepFrom = Math.floorDiv(outCount * down, up) - half + 1;
        if (keepFrom > bufStart) {
            int drop = (int) Math.min(bufLen, keepFrom - bufStart);
            System.arraycopy(buf, drop, buf, 0, bufLen - drop);
            bufLen -= drop;
            bufStart += drop;
        }
        return out;
    }

    private void append(float[] in, int off, int len) {
        if (bufLen + len > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, bufLen + len));
        }
        System.arraycopy(in, off, buf, bufLen, len);
        bufLen += len;
    }

    /** g(d): windowed sinc at distance d input samples from the output instant. */
    private double kernel(double d) {
        double r = d / half;
        if (r <= -1 || r >= 1) {
            return 0;
        }
        double x = 2 * fc * d;
        double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
        return 2 * fc * sinc * besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
    }

    /** Modified Bessel function of the first kind, order 0 (power series; converges for any x). */
    static double besselI0(double x) {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 500; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
