package dev.luna.tts.api;

import dev.luna.tts.engine.audio.Pcm16;
import dev.luna.tts.engine.audio.WavHeader;

import java.util.List;

/**
 * The one place where a response format becomes an encoder: every endpoint that answers in an OpenAI format asks
 * here. Today wav and pcm at the voice's own rate are produced; the compressed formats and other rates need the
 * encoders and the resampler of {@code engine.audio}, and until those are wired in they are refused with a 400 that
 * says so (never silently answered in another format).
 */
public final class AudioFormats {

    /** Error code (OpenAI {@code code}) of a format or rate that is not produced yet. */
    public static final String NOT_AVAILABLE = "unsupported_value";

    /**
     * A streaming encoder for one mono utterance: feed float samples in [-1, 1] at the input rate as they are
     * synthesized; each call returns the bytes that can be sent now (the container header comes with the first
     * call). Not thread-safe: one per response.
     */
    public interface Encoder {
        SpeechFormat format();

        /** Rate of the encoded audio. */
        int sampleRate();

        /** The response's Content-Type. */
        String contentType();

        byte[] encode(float[] samples);

        /** The bytes that end the stream; call once, after the last {@link #encode}. */
        byte[] finish();
    }

    private AudioFormats() {
    }

    /** The formats produced now (pcm at the voice's own rate only). */
    public static List<String> available() {
        return List.of(SpeechFormat.WAV.id, SpeechFormat.PCM.id);
    }

    /** The rate {@code format} is sent at when the request names none: OpenAI's 24 kHz for pcm, else the voice's. */
    public static int defaultRate(SpeechFormat format, int inputRate) {
        return format == SpeechFormat.PCM ? SpeechFormat.OPENAI_PCM_RATE : inputRate;
    }

    /**
     * An encoder for audio at {@code inputRate}.
     *
     * @param requestedRate rate asked for by the request, or null for {@link #defaultRate}
     * @param formatField   request field that named the format (for the error)
     * @param rateField     request field that carried {@code requestedRate} (for the error)
     * @throws ApiException 400 when the format or rate is not produced (yet)
     */
    public static Encoder encoder(SpeechFormat format, int inputRate, Integer requestedRate, String formatField,
                                  String rateField) {
        int rate = requestedRate == null ? defaultRate(format, inputRate) : requestedRate;
        if (format != SpeechFormat.WAV && format != SpeechFormat.PCM) {
            throw new ApiException(400, formatField, NOT_AVAILABLE, "format " + format.id
                    + " is not available yet; use wav or pcm");
        }
        if (rate != inputRate) {
            if (requestedRate == null) {
                throw new ApiException(400, formatField, NOT_AVAILABLE, "pcm at " + rate
                        + " Hz (OpenAI's rate) is not available yet: resampling is not wired in; ask for the voice's"
                        + " own rate with " + rateField + "=" + inputRate + ", or use wav");
            }
            throw new ApiException(400, rateField, NOT_AVAILABLE, format.id + " at " + rate
                    + " Hz is not available yet: resampling is not wired in; the voice's rate is " + inputRate);
        }
        return new Pcm16Encoder(format, rate);
    }

    /** Raw 16-bit PCM, behind a streamed WAV header (sizes unknown) for wav. */
    private static final class Pcm16Encoder implements Encoder {
        private final SpeechFormat format;
        private final int rate;
        private boolean headerSent;

        Pcm16Encoder(SpeechFormat format, int rate) {
            this.format = format;
            this.rate = rate;
        }

        @Override
        public SpeechFormat format() {
            return format;
        }

        @Override
        public int sampleRate() {
            return rate;
        }

        @Override
        public String contentType() {
            return format == SpeechFormat.PCM ? format.mediaType + ";rate=" + rate + ";channels=1" : format.mediaType;
        }

        @Override
        public byte[] encode(float[] samples) {
            byte[] pcm = Pcm16.encode(samples);
            if (format != SpeechFormat.WAV || headerSent) {
                return pcm;
            }
            return header(pcm);
        }

        @Override
        public byte[] finish() {
            // a wav of no samples still needs its header
            return format == SpeechFormat.WAV && !headerSent ? header(new byte[0]) : new byte[0];
        }

        private byte[] header(byte[] pcm) {
            headerSent = true;
            byte[] out = new byte[44 + pcm.length];
            System.arraycopy(WavHeader.of(rate, WavHeader.UNKNOWN), 0, out, 0, 44);
            System.arraycopy(pcm, 0, out, 44, pcm.length);
            return out;
        }
    }
}
