package dev.luna.tts.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** /voice's error body, as SBV2's FastAPI server answers (HTTP 422): {@code {"detail":[{type,msg,loc}]}}. */
@Schema(name = "FastApiError")
public record FastApiError(List<Item> detail) {

    /** @param loc {@code ["query", <parameter>]} */
    @Schema(name = "FastApiErrorItem")
    public record Item(String type, String msg, List<String> loc) {
    }
}
