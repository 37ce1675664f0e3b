package dev.luna.tts.engine.audio;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every format, encoded from the same 2.5 s of speech-like audio at 44.1 kHz fed in uneven chunks,
 * decoded by an independent Debian decoder ({@code flac}, {@code opusdec}, {@code ffmpeg}; the test
 * scripts install them), must give the WAV's sample count and its samples: FLAC and PCM bit for bit,
 * Opus and MP3 within a stated signal-to-noise ratio, at the alignment the codec's rule gives.
 */
class DecoderRoundTripTest {

    static final int RATE = 44_100;
    static final float[] X = TestSignals.speechLike(RATE, 2.5, 7);
    static final int N = X.length;                       // 110 250
    /** What the WAV carries: the service's 16-bit samples. */
    static final short[] WAV = TestSignals.quantize(X);

    /** Opus at libopus's automatic bitrate (≈ 52 kbit/s mono 48 kHz, 20 ms): measured 16.4 dB (44.1 kHz) and 16.7 dB (48 kHz). */
    static final double OPUS_MIN_SNR_DB = 12;
    /** MP3 CBR 128 kbit/s: measured 21.4 dB. */
    static final double MP3_MIN_SNR_DB = 18;

    @TempDir
    Path dir;

    @BeforeAll
    static void decodersInstalled() {
        for (String tool : List.of("flac", "opusdec", "ffmpeg")) {
            if (!onPath(tool)) {
                fail(tool + " is not installed: run `bash src/main/scripts/install-deps.sh flac opus-tools ffmpeg`"
                        + " (src/test/scripts/test-10-java.sh does)");
            }
        }
    }

    @Test
    void wavStreamsFixedHeaderThenTheServicesSamples() throws Exception {
        byte[] wav = TestSignals.encodeChunked(AudioEncoders.open(AudioFormat.WAV, RATE, 1), X);
        byte[] header = {'R', 'I', 'F', 'F', -1, -1, -1, -1, 'W', 'A', 'V', 'E', 'f', 'm', 't', ' ',
                16, 0, 0, 0, 1, 0, 1, 0, 0x44, (byte) 0xAC, 0, 0, (byte) 0x88, 0x58, 1, 0, 2, 0, 16, 0,
                'd', 'a', 't', 'a', -1, -1, -1, -1};
        assertArrayEquals(header, java.util.Arrays.copyOf(wav, 44));
        assertEquals(44 + 2 * N, wav.length);
        assertArrayEquals(WAV, TestSignals.le16(wav, 44));
        // ffmpeg reads a WAV whose sizes say "unknown" to its end
        assertArrayEquals(WAV, ffmpegS16(write("a.wav", wav), RATE));
    }

    @Test
    void flacDecodesBitExactWithFlacAndFfmpeg() throws Exception {
        byte[] flac = TestSignals.encodeChunked(AudioEncoders.open(AudioFormat.FLAC, RATE, 1), X);
        Path in = write("a.flac", flac);
        Path out = dir.resolve("a.flac.wav");
        run("flac", "--silent", "--decode", "--force", "-o", out.toString(), in.toString());
        short[] decoded = wavSamples(Files.readAllBytes(out));
        assertEquals(N, decoded.length);
        assertArrayEquals(WAV, decoded);
        assertArrayEquals(WAV, ffmpegS16(in, RATE));
        assertTrue(flac.length < 2 * N * 0.9, "FLAC did not compress: " + flac.length + " bytes");
    }

    /** OpenAI's pcm: 24 kHz s16le, our resampler's output quantized; soxr (via ffmpeg) agrees closely. */
    @Test
    void pcmIs24kHzResampledAndAgreesWithSoxr() throws Exception {
        AudioEncoder e = AudioEncoders.open(AudioFormat.PCM, RATE, 1);
        assertEquals(24_000, e.outputSampleRate());
        assertEquals("audio/L16;rate=24000;channels=1", e.contentType());
        byte[] pcm = TestSignals.encodeChunked(e, X);
        short[] got = TestSignals.le16(pcm, 0);
        assertEquals(Math.round(N * 24_000.0 / RATE), got.length);
        assertArrayEquals(TestSignals.quantize(Resampler.resample(X, RATE, 24_000)), got);

        byte[] wav = TestSignals.encodeWhole(AudioEncoders.open(AudioFormat.WAV, RATE, 1), X);
        short[] soxr = s16(ffmpeg(write("b.wav", wav), "-af", "aresample=resampler=soxr:precision=28", "-ar", "24000"));
        assertEquals(got.length, soxr.length);
        double snr = TestSignals.snrDb(soxr, got, 0);
        System.out.printf("pcm 24 kHz vs soxr: SNR %.1f dB%n", snr);
        assertTrue(snr >= 40, "our 24 kHz differs from soxr's: " + snr + " dB");
    }

    @Test
    void pcmAtTheVoicesRateIsTheWavsSamples() {
        AudioEncoder e = AudioEncoders.open(AudioFormat.PCM, RATE, 1, RATE, "sample_rate");
        assertEquals("audio/L16;rate=44100;channels=1", e.contentType());
        assertArrayEquals(WAV, TestSignals.le16(TestSignals.encodeChunked(e, X), 0));
    }

    /**
     * opusdec honours the pre-skip and the final granule position: at the input rate from the
     * header it gives exactly the WAV's count; at 48 kHz exactly our resampler's count. Samples
     * line up at lag 0 (the best lag within ±8) with SNR ≥ {@value #OPUS_MIN_SNR_DB} dB.
     */
    @Test
    void opusDecodesToTheWavsLengthAndSamplesWithinSnr() throws Exception {
        byte[] opus = TestSignals.encodeChunked(AudioEncoders.open(AudioFormat.OPUS, RATE, 1), X);
        Path in = write("a.opus", opus);

        Path raw44 = dir.resolve("a44.raw");
        run("opusdec", "--quiet", "--no-dither", in.toString(), raw44.toString());
        short[] d44 = TestSignals.le16(Files.readAllBytes(raw44), 0);
        assertEquals(N, d44.length);
        assertBestLag(WAV, d44, 0, 8);
        double snr44 = TestSignals.snrDb(WAV, d44, 0);
        assertTrue(snr44 >= OPUS_MIN_SNR_DB, "Opus SNR " + snr44 + " dB at 44.1 kHz");

        Path raw48 = dir.resolve("a48.raw");
        run("opusdec", "--quiet", "--no-dither", "--rate", "48000", in.toString(), raw48.toString());
        short[] d48 = TestSignals.le16(Files.readAllBytes(raw48), 0);
        short[] ref48 = TestSignals.quantize(Resampler.resample(X, RATE, 48_000));
        assertEquals(ref48.length, d48.length);
        assertBestLag(ref48, d48, 0, 8);
        double snr48 = TestSignals.snrDb(ref48, d48, 0);
        System.out.printf("opus %d bytes: SNR %.1f dB (44.1 kHz), %.1f dB (48 kHz)%n", opus.length, snr44, snr48);
        assertTrue(snr48 >= OPUS_MIN_SNR_DB, "Opus SNR " + snr48 + " dB at 48 kHz");

        // a second decoder (libavcodec's native Opus) agrees on the length
        assertEquals(ref48.length, ffmpegS16(in, 48_000).length);
    }

    /**
     * MP3 rule (no LAME tag in a stream): whole 1152-sample frames, the input starting at index
     * 1105 (LAME's 576-sample encoder delay + the decoder's 529), the last frame padded; so the
     * decoder gives 1152·⌈(N + 1105) / 1152⌉ samples and samples [1105, 1105 + N) are the WAV's
     * within SNR ≥ {@value #MP3_MIN_SNR_DB} dB (1105 is the best lag within ±10).
     */
    @Test
    void mp3DecodesToTheWavsSamplesAtTheStatedOffset() throws Exception {
        byte[] mp3 = TestSignals.encodeChunked(AudioEncoders.open(AudioFormat.MP3, RATE, 1), X);
        short[] d = ffmpegS16(write("a.mp3", mp3), RATE);
        int offset = Mp3Encoder.DECODER_OFFSET;
        assertEquals(1152L * ((N + offset + 1151) / 1152), d.length);
        assertBestLag(WAV, d, offset, 10);
        double snr = TestSignals.snrDb(WAV, d, offset);
        System.out.printf("mp3 %d bytes: SNR %.1f dB%n", mp3.length, snr);
        assertTrue(snr >= MP3_MIN_SNR_DB, "MP3 SNR " + snr + " dB");
        // CBR 128 kbit/s: every frame is 144·bitrate/rate bytes, 417 or 418 at 44.1 kHz (padding bit),
        // so the whole stream is that times the frame count to within a byte
        assertEquals(d.length / 1152 * 144.0 * 128_000 / RATE, mp3.length, 1.0);
    }

    /**
     * At every MPEG rate (the voice resampled to it): input sample 0 at decoder index 1105, whole
     * frames (1152 samples at 32–48 kHz, 576 below) covering 1105 + N; LAME's flush may add one
     * more frame (seen at 8 and 16 kHz).
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {8000, 11025, 12000, 16000, 22050, 24000, 32000, 48000})
    void mp3AtEveryMpegRate(int rate) throws Exception {
        float[] x = TestSignals.speechLike(rate, 0.6, 3);
        AudioEncoder e = AudioEncoders.open(AudioFormat.MP3, rate, 1);
        assertEquals(rate, e.outputSampleRate());
        short[] d = ffmpegS16(write("r.mp3", TestSignals.encodeChunked(e, x)), rate);
        int frame = rate >= 32_000 ? 1152 : 576;
        long min = (long) frame * ((x.length + Mp3Encoder.DECODER_OFFSET + frame - 1) / frame);
        assertEquals(0, d.length % frame);
        assertTrue(d.length == min || d.length == min + frame, d.length + " samples, expected " + min);
        short[] ref = TestSignals.quantize(x);
        assertBestLag(ref, d, Mp3Encoder.DECODER_OFFSET, 10);
        double snr = TestSignals.snrDb(ref, d, Mp3Encoder.DECODER_OFFSET);
        assertTrue(snr >= 10, rate + " Hz: MP3 SNR " + snr + " dB");
    }

    /** FLAC at rates with and without a frame-header code (22 000 Hz is read from STREAMINFO), and resampled. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"24000, 24000", "22000, 22000", "8000, 8000", "44100, 16000"})
    void flacAtOtherRatesIsExact(int voiceRate, int outRate) throws Exception {
        float[] x = TestSignals.speechLike(voiceRate, 0.7, 5);
        AudioEncoder e = AudioEncoders.open(AudioFormat.FLAC, voiceRate, 1, outRate, "sample_rate");
        Path in = write("r.flac", TestSignals.encodeChunked(e, x));
        Path out = dir.resolve("r.flac.wav");
        run("flac", "--silent", "--decode", "--force", "-o", out.toString(), in.toString());
        short[] expected = TestSignals.quantize(voiceRate == outRate ? x : Resampler.resample(x, voiceRate, outRate));
        assertArrayEquals(expected, wavSamples(Files.readAllBytes(out)));
    }

    /** Streaming must not change the result: lossless and MP3 bytes are the same however the audio is cut. */
    @Test
    void chunkingDoesNotChangeTheBytes() {
        for (AudioFormat f : List.of(AudioFormat.WAV, AudioFormat.PCM, AudioFormat.FLAC, AudioFormat.MP3)) {
            byte[] whole = TestSignals.encodeWhole(AudioEncoders.open(f, RATE, 1), X);
            byte[] chunked = TestSignals.encodeChunked(AudioEncoders.open(f, RATE, 1), X);
            assertArrayEquals(whole, chunked, f.id());
        }
    }

    private static void assertBestLag(short[] ref, short[] test, int lag, int radius) {
        int best = lag;
        double bestSnr = Double.NEGATIVE_INFINITY;
        for (int l = lag - radius; l <= lag + radius; l++) {
            double s = TestSignals.snrDb(ref, test, l);
            if (s > bestSnr) {
                bestSnr = s;
                best = l;
            }
        }
        assertEquals(lag, best, "decoded audio is shifted");
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private short[] ffmpegS16(Path in, int rate) throws Exception {
        return s16(ffmpeg(in, "-ar", String.valueOf(rate)));
    }

    private Path ffmpeg(Path in, String... filters) throws Exception {
        Path out = dir.resolve(in.getFileName() + ".ff.raw");
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin", "-y", "-i", in.toString()));
        cmd.addAll(List.of(filters));
        cmd.addAll(List.of("-ac", "1", "-f", "s16le", out.toString()));
        run(cmd.toArray(String[]::new));
        return out;
    }

    private static short[] s16(Path raw) throws IOException {
        return TestSignals.le16(Files.readAllBytes(raw), 0);
    }

    /** Samples of a 16-bit mono WAV's data chunk. */
    static short[] wavSamples(byte[] b) {
        int p = 12;
        while (p + 8 <= b.length) {
            String id = new String(b, p, 4, StandardCharsets.US_ASCII);
            int size = (b[p + 4] & 0xFF) | (b[p + 5] & 0xFF) << 8 | (b[p + 6] & 0xFF) << 16 | (b[p + 7] & 0xFF) << 24;
            if (id.equals("data")) {
                int end = size == -1 ? b.length : p + 8 + size;
                return TestSignals.le16(java.util.Arrays.copyOfRange(b, p + 8, end), 0);
            }
            p += 8 + size + (size & 1);
        }
        throw new AssertionError("no data chunk");
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", cmd) + " timed out");
        }
        if (p.exitValue() != 0) {
            fail(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + new String(out, StandardCharsets.UTF_8));
        }
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
