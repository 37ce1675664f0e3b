package dev.luna.tts.engine.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResamplerTest {

    private static float[] sine(int rate, double freq, double amp, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amp * Math.sin(2 * Math.PI * freq * i / rate));
        }
        return x;
    }

    /**
     * A passband sine comes out as the same sine sampled at the new rate: same frequency, same
     * amplitude, no delay (the kernel is centred), to within −80 dB of the amplitude. The first and
     * last 10 ms are left out, where the signal starts and stops abruptly.
     */
    @ParameterizedTest
    @CsvSource({
            "44100, 24000, 1000", "44100, 24000, 9000", "44100, 48000, 1000", "44100, 48000, 19000",
            "48000, 44100, 5000", "22050, 44100, 440", "44100, 16000, 6000", "24000, 44100, 3000"})
    void passbandSineKeepsFrequencyAmplitudeAndPhase(int in, int out, double freq) {
        double amp = 0.5;
        float[] y = Resampler.resample(sine(in, freq, amp, in), in, out);
        int edge = out / 100;
        double maxErr = 0;
        for (int j = edge; j < y.length - edge; j++) {
            double ideal = amp * Math.sin(2 * Math.PI * freq * j / out);
            maxErr = Math.max(maxErr, Math.abs(y[j] - ideal));
        }
        assertTrue(maxErr < amp * 1e-4, "max error " + maxErr + " for " + freq + " Hz " + in + "->" + out);
    }

    /** Tones between the output's Nyquist frequency and the input's are removed (≥ 60 dB), not aliased. */
    @ParameterizedTest
    @CsvSource({
            "44100, 24000, 12000", "44100, 24000, 12500", "44100, 24000, 15000", "44100, 24000, 21000",
            "48000, 44100, 22050", "48000, 44100, 23500", "44100, 16000, 8200"})
    void aboveNyquistToneIsAttenuatedAtLeast60Db(int in, int out, double freq) {
        double amp = 0.5;
        float[] y = Resampler.resample(sine(in, freq, amp, in), in, out);
        int edge = out / 100;
        double sum = 0;
        for (int j = edge; j < y.length - edge; j++) {
            sum += (double) y[j] * y[j];
        }
        double rms = Math.sqrt(sum / (y.length - 2 * edge));
        double db = 20 * Math.log10(rms / (amp / Math.sqrt(2)));
        assertTrue(db <= -60, freq + " Hz " + in + "->" + out + " only attenuated to " + db + " dB");
    }

    @ParameterizedTest
    @CsvSource({"44100, 24000", "44100, 48000", "48000, 44100", "22050, 48000", "44100, 44099"})
    void chunkedOutputEqualsWholeOutputExactly(int in, int out) {
        float[] x = TestSignals.speechLike(in, 0.7, 3);
        float[] whole = Resampler.resample(x, in, out);
        Resampler r = new Resampler(in, out);
        float[] chunked = new float[whole.length];
        int pos = 0;
        Random rnd = new Random(5);
        int i = 0;
        while (i < x.length) {
            int len = Math.min(x.length - i, rnd.nextInt(3) == 0 ? rnd.nextInt(3) : rnd.nextInt(5000));
            float[] y = r.process(x, i, len);
            System.arraycopy(y, 0, chunked, pos, y.length);
            pos += y.length;
            i += len;
        }
        float[] tail = r.finish();
        System.arraycopy(tail, 0, chunked, pos, tail.length);
        assertEquals(whole.length, pos + tail.length);
        assertArrayEquals(whole, chunked);
    }

    @ParameterizedTest
    @CsvSource({"44100, 24000", "44100, 48000", "48000, 44100", "24000, 44100", "44100, 44100", "8000, 44100"})
    void outputLengthIsRoundedScaledInputLength(int in, int out) {
        for (int n : new int[]{0, 1, 2, 3, 147, 1000, 4411, 44100, 110_251}) {
            float[] y = Resampler.resample(new float[n], in, out);
            long expected = Math.round((double) n * out / in);
            assertEquals(expected, y.length, n + " samples " + in + "->" + out);
        }
    }

    @Test
    void outputIsAvailableWhileStreamingWithBoundedLatency() {
        Resampler r = new Resampler(44100, 24000);
        float[] y = r.process(new float[8820], 0, 8820); // one 200 ms chunk
        // everything except the filter's half-length (< 3 ms) comes out at once
        assertTrue(y.length >= 4800 - 24000 * 3 / 1000, "got " + y.length);
    }

    @Test
    void sameRateIsIdentity() {
        float[] x = TestSignals.speechLike(44100, 0.1, 1);
        assertArrayEquals(x, Resampler.resample(x, 44100, 44100));
    }

    @Test
    void rejectsNonPositiveRatesAndUseAfterFinish() {
        assertThrows(IllegalArgumentException.class, () -> new Resampler(0, 24000));
        Resampler r = new Resampler(44100, 24000);
        r.finish();
        assertThrows(IllegalStateException.class, () -> r.process(new float[1]));
    }
}
