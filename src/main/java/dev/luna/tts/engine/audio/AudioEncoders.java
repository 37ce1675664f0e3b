package dev.luna.tts.engine.audio;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Opens the streaming encoder for a format. Rates: {@code wav} and {@code flac} default to the
 * voice's rate; {@code pcm} defaults to OpenAI's 24 kHz; {@code opus} is always 48 kHz; {@code mp3}
 * keeps the voice's rate when it is an MPEG rate and resamples to 48 kHz otherwise. A requested
 * rate other than the default is honoured where the format can carry it: the voice's own rate or
 * one of {@link #RATES} for wav, pcm and flac, one of {@link #RATES} for mp3, 48 kHz for opus.
 */
public final class AudioEncoders {

    /**
     * Output rates accepted for wav, pcm and flac besides the voice's own: the usual ones. A fixed
     * set bounds the resampler's filter tables (one per ratio, shared) and their cost: an arbitrary
     * rate such as 44 101 Hz would need a table per output phase, i.e. tens of thousands.
     */
    public static final List<Integer> RATES = List.of(8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000);

    private AudioEncoders() {
    }

    /** The output rate {@code format} uses for a voice at {@code inputRate} when none is requested. */
    public static int defaultRate(AudioFormat format, int inputRate) {
        return switch (format) {
            case WAV, FLAC, AAC -> inputRate;
            case PCM -> AudioFormat.OPENAI_PCM_RATE;
            case OPUS -> AudioFormat.OPUS_RATE;
            case MP3 -> RATES.contains(inputRate) ? inputRate : 48_000;
        };
    }

    /** {@link #open(AudioFormat, int, int, Integer, String)} with the default rate. */
    public static AudioEncoder open(AudioFormat format, int inputRate, int channels) {
        return open(format, inputRate, channels, null, "sample_rate");
    }

    /**
     * An encoder for mono audio at {@code inputRate}.
     *
     * @param outputRate requested rate of the encoded audio, or null for {@link #defaultRate}
     * @param rateField  request field that carried {@code outputRate}, for the error
     * @throws AudioFormatException (HTTP 400) for AAC or a rate the format cannot carry
     */
    public static AudioEncoder open(AudioFormat format, int inputRate, int channels, Integer outputRate, String rateField) {
        if (channels != 1) {
            throw new IllegalArgumentException("only mono audio is encoded, got " + channels + " channels");
        }
        if (inputRate <= 0) {
            throw new IllegalArgumentException("input sample rate must be positive: " + inputRate);
        }
        if (!format.supported()) {
            throw new AudioFormatException("format", AudioFormatException.Kind.UNSUPPORTED_FORMAT,
                    "format '" + format.id() + "' is not supported: no maintained pure-Java " + format.id()
                            + " encoder exists; use one of " + AudioFormat.names());
        }
        int rate = outputRate == null ? defaultRate(format, inputRate) : outputRate;
        switch (format) {
            case WAV, PCM, FLAC -> {
                if (rate != inputRate && !RATES.contains(rate)) {
                    throw badRate(rateField, format, rate, "the voice's " + inputRate + " or one of " + join(RATES));
                }
            }
            case OPUS -> {
                if (rate != AudioFormat.OPUS_RATE) {
                    throw badRate(rateField, format, rate, String.valueOf(AudioFormat.OPUS_RATE));
                }
            }
            case MP3 -> {
                if (!RATES.contains(rate)) { // exactly the MPEG-1, -2 and 2.5 rates
                    throw badRate(rateField, format, rate, "one of " + join(RATES));
                }
            }
            default -> throw new AssertionError(format);
        }
        return switch (format) {
            case WAV, PCM -> new PcmEncoder(format, inputRate, rate);
            case FLAC -> new FlacEncoder(inputRate, rate);
            case OPUS -> new OggOpusEncoder(inputRate);
            case MP3 -> new Mp3Encoder(inputRate, rate);
            default -> throw new AssertionError(format);
        };
    }

    private static String join(List<Integer> rates) {
        return rates.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static AudioFormatException badRate(String field, AudioFormat format, int rate, String allowed) {
        return new AudioFormatException(field, AudioFormatException.Kind.UNSUPPORTED_SAMPLE_RATE,
                format.id() + " cannot be sent at " + rate + " Hz; the rate must be " + allowed);
    }
}
