package dev.luna.tts.api;

import dev.luna.tts.engine.audio.AudioEncoder;
import dev.luna.tts.engine.audio.AudioEncoders;
import dev.luna.tts.engine.audio.AudioFormat;

import java.util.Arrays;
import java.util.List;

/**
 * OpenAI's response formats on the engine's encoders: which names are accepted, which are produced, and the encoder
 * for a request. Refusals are {@link dev.luna.tts.engine.audio.AudioFormatException}s, which ErrorMapper answers
 * with 400 in the path's error shape.
 */
final class AudioFormats {

    private AudioFormats() {
    }

    /** The formats produced (aac is accepted by name and refused: no maintained pure-Java encoder). */
    static List<String> available() {
        return Arrays.stream(AudioFormat.values()).filter(AudioFormat::supported).map(AudioFormat::id).toList();
    }

    /**
     * An encoder for audio at {@code inputRate}.
     *
     * @param requestedRate rate asked for, or null for the format's default (pcm: OpenAI's 24 kHz; opus: 48 kHz;
     *                      others: the voice's)
     */
    static AudioEncoder encoder(AudioFormat format, int inputRate, Integer requestedRate) {
        return AudioEncoders.open(format, inputRate, 1, requestedRate, "sample_rate");
    }
}
