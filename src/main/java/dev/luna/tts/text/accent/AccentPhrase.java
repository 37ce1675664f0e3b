package dev.luna.tts.text.accent;

import java.util.List;

/**
 * VOICEVOX's accent phrase: moras and the 1-based accent nucleus (the last high mora; equal to the mora count for a
 * flat phrase). {@code pauseMora}, when present, becomes a comma pause in synthesis.
 */
public record AccentPhrase(List<Mora> moras, int accent, Mora pauseMora, boolean interrogative) {
}
