package dev.luna.tts.text.userdict;

/**
 * A user-dictionary word or file that SBV2 2.7 would refuse (HTTP layer: 400/422 naming {@link #field()},
 * the JSON name of the offending field, e.g. {@code pronunciation}, {@code accent_type}).
 */
public class UserDictException extends IllegalArgumentException {

    private final String field;

    public UserDictException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public UserDictException(String field, String message, Throwable cause) {
        super(field + ": " + message, cause);
        this.field = field;
    }

    /** JSON name of the offending field (or {@code word_uuid}, {@code user_dict}, {@code row}). */
    public String field() {
        return field;
    }
}
