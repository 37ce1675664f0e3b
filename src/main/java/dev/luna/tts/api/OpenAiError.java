package dev.luna.tts.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** OpenAI's error body, as every response under /v1 that is not a success carries it. */
@Schema(name = "OpenAiError")
public record OpenAiError(Detail error) {

    /**
     * @param type  invalid_request_error (4xx) or server_error (5xx)
     * @param param the request field at fault, or null
     * @param code  what was wrong, e.g. invalid_value, missing_required_parameter, model_not_found
     */
    public record Detail(String message, String type, String param, String code) {
    }

    static OpenAiError of(int status, String param, String code, String message) {
        return new OpenAiError(new Detail(message, status >= 500 ? "server_error" : "invalid_request_error", param,
                code));
    }

    /**
     * OpenAI's {@code param} for a field name of the engine or of a luna request: the text is OpenAI's input; the
     * voice, speaker and style all come from its voice; SBV2's length from its speed; the audio format is its
     * response_format.
     */
    static String param(String field) {
        if (field == null) {
            return null;
        }
        return switch (field) {
            case "text", "split_interval" -> "input";
            case "model", "model_id", "speaker", "speaker_id", "style" -> "voice";
            case "length" -> "speed";
            case "format" -> "response_format";
            default -> field;
        };
    }
}
