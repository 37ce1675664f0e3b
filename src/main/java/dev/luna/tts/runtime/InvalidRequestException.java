package dev.luna.tts.runtime;

/**
 * A request the service refuses before any audio is sent: names the offending parameter.
 *
 * @see dev.luna.tts.runtime.SynthesisRequest
 */
public class InvalidRequestException extends RuntimeException {

    private final String field;
    private final String type;
    private final int status;

    public InvalidRequestException(int status, String field, String type, String message) {
        super(message);
        this.status = status;
        this.field = field;
        this.type = type;
    }

    public static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(400, field, "invalid_params", message);
    }

    public static InvalidRequestException notFound(String field, String message) {
        return new InvalidRequestException(404, field, "not_found", message);
    }

    public String field() {
        return field;
    }

    public String type() {
        return type;
    }

    public int status() {
        return status;
    }
}
