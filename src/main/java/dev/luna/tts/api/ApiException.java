package dev.luna.tts.api;

/**
 * A request the HTTP layer itself refuses (a query value that does not parse, a missing body) before the engine
 * sees it. {@code type} is the error code of the API's own error shape (for /voice: pydantic's, as SBV2 answers).
 */
final class ApiException extends RuntimeException {

    final int status;
    final String field;
    final String type;

    ApiException(int status, String field, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
        this.type = type;
    }

    static ApiException badRequest(String field, String message) {
        return new ApiException(400, field, "invalid_params", message);
    }
}
