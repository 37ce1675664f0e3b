package dev.luna.tts.engine.model;

/**
 * A model that cannot be served. The message is written for clients (/models/info, refresh results): it names the
 * file relative to the model repository and says what is wrong in our words; the cause keeps the library's detail
 * for the log.
 */
public final class ModelLoadException extends Exception {

    public ModelLoadException(String reason, Throwable cause) {
        super(reason, cause);
    }

    public ModelLoadException(String reason) {
        super(reason);
    }
}
