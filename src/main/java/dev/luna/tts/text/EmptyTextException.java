package dev.luna.tts.text;

/** The input contains nothing that SBV2 can read once normalized (HTTP layer: 400). */
public class EmptyTextException extends IllegalArgumentException {
    public EmptyTextException(String message) {
        super(message);
    }
}
