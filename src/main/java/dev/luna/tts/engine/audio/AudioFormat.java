package dev.luna.tts.engine.audio;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The audio formats the service can answer in, with their media types and file extensions. The
 * names are OpenAI's {@code response_format} values (wav, pcm, flac, opus, mp3, aac).
 */
public enum AudioFormat {
    /** RIFF/WAVE, 16-bit mono PCM; streamed with unknown sizes (0xFFFFFFFF). */
    WAV("wav", "audio/wav", "wav", true),
    /** Raw signed 16-bit little-endian mono samples; OpenAI's {@code pcm} is 24 kHz. */
    PCM("pcm", "audio/L16", "pcm", true),
    /** FLAC, lossless, 16-bit. */
    FLAC("flac", "audio/flac", "flac", true),
    /** Opus in Ogg (RFC 7845), 48 kHz. */
    OPUS("opus", "audio/ogg; codecs=opus", "opus", true),
    /** MPEG-1/2 Layer III. */
    MP3("mp3", "audio/mpeg", "mp3", true),
    /** AAC: no maintained pure-Java encoder exists on Maven Central, so it is refused. */
    AAC("aac", "audio/aac", "aac", false);

    /** Sample rate of OpenAI's {@code pcm} format, the default for {@link #PCM}. */
    public static final int OPENAI_PCM_RATE = 24_000;
    /** Opus always codes at 48 kHz here; Ogg Opus granule positions count 48 kHz samples (RFC 7845 §4). */
    public static final int OPUS_RATE = 48_000;

    private final String id;
    private final String mediaType;
    private final String extension;
    private final boolean supported;

    AudioFormat(String id, String mediaType, String extension, boolean supported) {
        this.id = id;
        this.mediaType = mediaType;
        this.extension = extension;
        this.supported = supported;
    }

    /** The request value, e.g. {@code "mp3"}. */
    public String id() {
        return id;
    }

    /** File extension without the dot. */
    public String extension() {
        return extension;
    }

    /** Whether an encoder exists; {@link AudioEncoders#open} refuses the others. */
    public boolean supported() {
        return supported;
    }

    /**
     * Content-Type for a stream at {@code sampleRate} (the rate of the encoded audio). Raw PCM has no
     * header, so its rate and channel count travel in the parameters, as the service sends today.
     */
    public String contentType(int sampleRate) {
        return this == PCM ? mediaType + ";rate=" + sampleRate + ";channels=1" : mediaType;
    }

    /** The media type without parameters. */
    public String mediaType() {
        return mediaType;
    }

    /**
     * The format named {@code value} (case-insensitive, surrounding blanks ignored).
     *
     * @throws AudioFormatException naming {@code field} when the name is unknown or empty
     */
    public static AudioFormat parse(String value, String field) {
        if (value != null) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            for (AudioFormat f : values()) {
                if (f.id.equals(v)) {
                    return f;
                }
            }
        }
        throw new AudioFormatException(field, AudioFormatException.Kind.UNKNOWN_FORMAT,
                "unknown audio format '" + value + "'; expected one of " + names());
    }

    /** The supported names, comma-separated, for error messages. */
    public static String names() {
        return Arrays.stream(values()).filter(AudioFormat::supported).map(AudioFormat::id)
                .collect(Collectors.joining(", "));
    }
}
