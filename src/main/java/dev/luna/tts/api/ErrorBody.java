package dev.luna.tts.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** luna's own error body (/synthesize, /g2p, /models): {@code {"error","field","type"}}; a 500 adds error_id. */
@Schema(name = "LunaError")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(
        @Schema(description = "What is wrong, for a person") String error,
        @Schema(description = "The request field at fault, when there is one") String field,
        @Schema(description = "invalid_params, too_long, empty_text, not_found, unauthorized, overloaded, not_ready,"
                + " internal") String type,
        @JsonProperty("error_id") @Schema(description = "500 only: the id the log has the details under")
        String errorId) {
}
