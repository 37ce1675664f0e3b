package dev.luna.tts.api;

import java.util.Arrays;
import java.util.List;

/** OpenAI's {@code response_format} values, with the media type each is sent as. */
public enum SpeechFormat {
    MP3("mp3", "audio/mpeg"),
    OPUS("opus", "audio/ogg; codecs=opus"),
    AAC("aac", "audio/aac"),
    FLAC("flac", "audio/flac"),
    WAV("wav", "audio/wav"),
    PCM("pcm", "audio/L16");

    /** OpenAI's pcm is 24 kHz 16-bit mono; it is the default rate of {@link #PCM}. */
    public static final int OPENAI_PCM_RATE = 24_000;

    public final String id;
    public final String mediaType;

    SpeechFormat(String id, String mediaType) {
        this.id = id;
        this.mediaType = mediaType;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(f -> f.id).toList();
    }

    /** The format named {@code id} (exact, lower case as OpenAI documents them), or null. */
    public static SpeechFormat of(String id) {
        for (SpeechFormat f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        return null;
    }
}
