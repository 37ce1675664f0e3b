package dev.luna.tts.engine.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AudioEncodersTest {

    static final int RATE = 44_100;

    @Test
    void formatNamesMediaTypesAndExtensions() {
        assertEquals(AudioFormat.MP3, AudioFormat.parse(" MP3 ", "format"));
        assertEquals("audio/wav", AudioFormat.WAV.contentType(44_100));
        assertEquals("audio/L16;rate=24000;channels=1", AudioFormat.PCM.contentType(24_000));
        assertEquals("audio/flac", AudioFormat.FLAC.contentType(44_100));
        assertEquals("audio/ogg; codecs=opus", AudioFormat.OPUS.contentType(48_000));
        assertEquals("audio/mpeg", AudioFormat.MP3.contentType(44_100));
        assertEquals("opus", AudioFormat.OPUS.extension());
        assertEquals("wav, pcm, flac, opus, mp3", AudioFormat.names());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ogg", "", "  ", "wave", "m4a"})
    void unknownFormatNamesTheField(String value) {
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioFormat.parse(value, "response_format"));
        assertEquals("response_format", e.field());
        assertEquals("unknown_format", e.kind().code());
        assertTrue(e.getMessage().contains("wav, pcm, flac, opus, mp3"), e.getMessage());
        assertThrows(AudioFormatException.class, () -> AudioFormat.parse(null, "format"));
    }

    @Test
    void aacIsAKnownNameButRefusedWithATypedError() {
        AudioFormat aac = AudioFormat.parse("aac", "format");
        AudioFormatException e = assertThrows(AudioFormatException.class, () -> AudioEncoders.open(aac, RATE, 1));
        assertEquals("format", e.field());
        assertEquals(AudioFormatException.Kind.UNSUPPORTED_FORMAT, e.kind());
        assertTrue(e.getMessage().contains("no maintained pure-Java aac encoder"), e.getMessage());
    }

    @Test
    void defaultRates() {
        assertEquals(44_100, AudioEncoders.open(AudioFormat.WAV, RATE, 1).outputSampleRate());
        assertEquals(44_100, AudioEncoders.open(AudioFormat.FLAC, RATE, 1).outputSampleRate());
        assertEquals(24_000, AudioEncoders.open(AudioFormat.PCM, RATE, 1).outputSampleRate());
        assertEquals(48_000, AudioEncoders.open(AudioFormat.OPUS, RATE, 1).outputSampleRate());
        assertEquals(44_100, AudioEncoders.open(AudioFormat.MP3, RATE, 1).outputSampleRate());
        assertEquals(48_000, AudioEncoders.open(AudioFormat.MP3, 40_000, 1).outputSampleRate());
    }

    @Test
    void ratesAFormatCannotCarryNameTheRateField() {
        record Case(AudioFormat f, int rate) { }
        for (Case c : new Case[]{new Case(AudioFormat.OPUS, 24_000), new Case(AudioFormat.MP3, 44_099),
                new Case(AudioFormat.PCM, 7_999), new Case(AudioFormat.WAV, 44_101), new Case(AudioFormat.FLAC, 0)}) {
            AudioFormatException e = assertThrows(AudioFormatException.class,
                    () -> AudioEncoders.open(c.f(), RATE, 1, c.rate(), "sample_rate"));
            assertEquals("sample_rate", e.field());
            assertEquals("unsupported_sample_rate", e.kind().code());
            assertTrue(e.getMessage().contains(String.valueOf(c.rate())), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> AudioEncoders.open(AudioFormat.WAV, RATE, 2));
        // the voice's own rate is always accepted, also when it is not a usual one
        assertEquals(22_000, AudioEncoders.open(AudioFormat.PCM, 22_000, 1, 22_000, "sample_rate").outputSampleRate());
        assertEquals(16_000, AudioEncoders.open(AudioFormat.FLAC, RATE, 1, 16_000, "sample_rate").outputSampleRate());
    }

    /** The service's fixed scale: clip to [−1, 1], NaN → 0, × 32767, round half up. */
    @Test
    void wavAndPcmQuantizeLikeTheService() {
        float[] x = {1f, -1f, 0.5f, -0.5f, Float.NaN, 2f, -3f, 1e-5f, 0.25f, Float.NEGATIVE_INFINITY};
        short[] expected = {32767, -32767, 16384, -16383, 0, 32767, -32767, 0, 8192, -32767};
        byte[] wav = TestSignals.encodeWhole(AudioEncoders.open(AudioFormat.WAV, RATE, 1), x);
        assertArrayEquals(expected, TestSignals.le16(wav, 44));
        byte[] pcm = TestSignals.encodeWhole(AudioEncoders.open(AudioFormat.PCM, RATE, 1, RATE, "sample_rate"), x);
        assertArrayEquals(expected, TestSignals.le16(pcm, 0));
    }

    /** The container header leaves with the first call, even before any audio. */
    @Test
    void headersComeWithTheFirstCall() {
        byte[] wav = AudioEncoders.open(AudioFormat.WAV, 24_000, 1).encode(new float[0]);
        assertEquals(44, wav.length);
        assertEquals(24_000, (wav[24] & 0xFF) | (wav[25] & 0xFF) << 8 | (wav[26] & 0xFF) << 16);

        byte[] flac = AudioEncoders.open(AudioFormat.FLAC, RATE, 1).encode(new float[0]);
        assertEquals(42, flac.length); // "fLaC" + block header + 34-byte STREAMINFO
        assertEquals("fLaC", new String(flac, 0, 4, StandardCharsets.US_ASCII));
        assertEquals(0x80, flac[4] & 0xFF); // last metadata block, STREAMINFO

        OggOpusEncoder opus = (OggOpusEncoder) AudioEncoders.open(AudioFormat.OPUS, RATE, 1);
        byte[] ogg = opus.encode(new float[0]);
        assertEquals(2, countPages(ogg));
        assertEquals(0x02, ogg[5]); // beginning of stream
        assertEquals("OpusHead", new String(ogg, 28, 8, StandardCharsets.US_ASCII));
        assertEquals(312, opus.preSkip()); // libopus's look-ahead at 48 kHz: 2.5 ms + 4 ms
        assertEquals(312, (ogg[38] & 0xFF) | (ogg[39] & 0xFF) << 8);
        assertEquals(RATE, (ogg[40] & 0xFF) | (ogg[41] & 0xFF) << 8 | (ogg[42] & 0xFF) << 16);
    }

    /** A first 200 ms chunk already gives encoded audio in every format (not only headers). */
    @ParameterizedTest
    @EnumSource(value = AudioFormat.class, names = {"WAV", "PCM", "FLAC", "OPUS", "MP3"})
    void first200MsChunkYieldsAudioAtOnce(AudioFormat f) {
        float[] chunk = Arrays.copyOf(TestSignals.speechLike(RATE, 0.5, 2), RATE / 5);
        byte[] first = AudioEncoders.open(f, RATE, 1).encode(chunk);
        switch (f) {
            case WAV -> assertEquals(44 + 2 * 8820, first.length);
            case PCM -> assertTrue(first.length >= 2 * (4800 - 3 * 24), "pcm " + first.length);
            case FLAC -> assertTrue(first.length > 42 + 2 * 100, "two 4096-sample frames expected: " + first.length);
            case OPUS -> assertEquals(3, countPages(first)); // head, tags, one page of 9 × 20 ms packets
            case MP3 -> {
                assertTrue(first.length >= 417, "mp3 " + first.length);
                assertEquals(0xFF, first[0] & 0xFF); // frame sync: no tag frame in front
                assertEquals(0xFB, first[1] & 0xFF); // MPEG-1 Layer III, no CRC
            }
            default -> throw new AssertionError(f);
        }
    }

    @ParameterizedTest
    @EnumSource(value = AudioFormat.class, names = {"WAV", "PCM", "FLAC", "OPUS", "MP3"})
    void finishEndsTheStream(AudioFormat f) {
        AudioEncoder e = AudioEncoders.open(f, RATE, 1);
        e.encode(new float[100]);
        e.finish();
        assertThrows(IllegalStateException.class, e::finish);
        assertThrows(IllegalStateException.class, () -> e.encode(new float[1]));
    }

    /** Opus's last page carries end-of-stream and granule = pre-skip + the real 48 kHz samples. */
    @Test
    void opusFinalGranuleTrimsThePadding() {
        AudioEncoder e = AudioEncoders.open(AudioFormat.OPUS, 48_000, 1);
        byte[] all = TestSignals.encodeChunked(e, TestSignals.speechLike(48_000, 0.5, 4));
        int last = lastPage(all);
        assertEquals(0x04, all[last + 5]);
        long granule = 0;
        for (int i = 7; i >= 0; i--) {
            granule = granule << 8 | (all[last + 6 + i] & 0xFF);
        }
        assertEquals(312 + 24_000, granule);
    }

    /**
     * The service encodes several responses at once. jump3r re-initialises static FFT windows on
     * every encoder creation (always to the same values); concurrent encoders must still give
     * exactly the bytes of a lone one.
     */
    @ParameterizedTest
    @EnumSource(value = AudioFormat.class, names = {"FLAC", "OPUS", "MP3", "PCM"})
    void concurrentEncodersGiveTheSameBytesAsALoneOne(AudioFormat f) throws Exception {
        float[] x = TestSignals.speechLike(RATE, 1.0, 9);
        byte[] alone = TestSignals.encodeChunked(AudioEncoders.open(f, RATE, 1), x);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<byte[]>>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> TestSignals.encodeChunked(AudioEncoders.open(f, RATE, 1), x)));
            }
            for (var fu : futures) {
                assertArrayEquals(alone, fu.get());
            }
        }
    }

    private static int countPages(byte[] b) {
        int n = 0;
        for (int p = 0; p >= 0 && p < b.length; p = nextPage(b, p)) {
            n++;
        }
        return n;
    }

    private static int lastPage(byte[] b) {
        int last = 0;
        for (int p = 0; p >= 0 && p < b.length; p = nextPage(b, p)) {
            last = p;
        }
        return last;
    }

    private static int nextPage(byte[] b, int p) {
        assertEquals("OggS", new String(b, p, 4, StandardCharsets.US_ASCII));
        int segs = b[p + 26] & 0xFF;
        int body = 0;
        for (int i = 0; i < segs; i++) {
            body += b[p + 27 + i] & 0xFF;
        }
        return p + 27 + segs + body;
    }
}
