package dev.luna.tts.runtime;

import dev.luna.tts.text.ModelInput;
import dev.luna.tts.voice.GeneratorParams;
import dev.luna.tts.voice.Voice;

import java.util.List;

/**
 * A validated request ready for inference: the acquired voice (release it when done), the
 * pieces to synthesize in order, and what goes between them.
 */
public record Utterance(Voice voice, long speakerId, float[] style, GeneratorParams params, String assistText,
                        double assistWeight, double splitInterval, List<Piece> pieces) {

    /**
     * @param startsLine true when the piece begins a new input line (silence goes before it unless first)
     */
    public record Piece(String normalized, String bertText, ModelInput input, boolean startsLine) {
    }

    public int sampleRate() {
        return voice.config().samplingRate();
    }
}
