package dev.luna.tts.engine;

/**
 * A request the service refuses, or cannot serve now. Carries a {@link Kind} and the offending field; the API layer
 * alone turns kinds into HTTP statuses and error shapes. Anything else thrown on the request path is a bug.
 */
public final class TtsException extends RuntimeException {

    public enum Kind {
        /** A parameter is missing, malformed or out of range. */
        INVALID,
        /** The text (or the audio it asks for) is over a configured limit. */
        TOO_LONG,
        /** The text normalizes to nothing readable. */
        EMPTY_TEXT,
        /** The named model, speaker or style does not exist. */
        NOT_FOUND,
        /** Admission refused: too much work in flight; retry after {@link #retryAfterSeconds()}. */
        OVERLOADED,
        /** Models are not loaded (yet), or the service is shutting down. */
        UNAVAILABLE,
        /** Admin operation without the right credentials. */
        UNAUTHORIZED
    }

    private final Kind kind;
    private final String field;
    private final int retryAfterSeconds;

    public TtsException(Kind kind, String field, String message) {
        this(kind, field, message, 0);
    }

    public TtsException(Kind kind, String field, String message, int retryAfterSeconds) {
        super(message, null, false, false);   // refusals are expected: no stack trace to fill or log
        this.kind = kind;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static TtsException invalid(String field, String message) {
        return new TtsException(Kind.INVALID, field, message);
    }

    public static TtsException notFound(String field, String message) {
        return new TtsException(Kind.NOT_FOUND, field, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The request field at fault (engine names: text, model, model_id, speaker, speaker_id, style, ...), or null. */
    public String field() {
        return field;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
