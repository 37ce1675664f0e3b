package dev.luna.tts.engine.audio;

/**
 * A request asked for audio this engine cannot produce: an unknown or unsupported format, or a
 * sample rate the format cannot carry. The API answers it with HTTP 400 naming {@link #field()}.
 */
public final class AudioFormatException extends IllegalArgumentException {

    /** What was wrong; {@link #code()} is the error type for the API's JSON. */
    public enum Kind {
        UNKNOWN_FORMAT("unknown_format"),
        UNSUPPORTED_FORMAT("unsupported_format"),
        UNSUPPORTED_SAMPLE_RATE("unsupported_sample_rate");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final String field;
    private final Kind kind;

    public AudioFormatException(String field, Kind kind, String message) {
        super(message);
        this.field = field;
        this.kind = kind;
    }

    /** The request field at fault, e.g. {@code format} or {@code sample_rate}. */
    public String field() {
        return field;
    }

    public Kind kind() {
        return kind;
    }
}
