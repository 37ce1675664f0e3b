package dev.luna.tts.api;

import dev.luna.tts.runtime.InvalidRequestException;
import dev.luna.tts.runtime.OverloadedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** The two error shapes: SBV2's {"detail":[{type,msg,loc}]} (for /voice) and a flat one (elsewhere). */
final class ErrorBodies {

    private ErrorBodies() {
    }

    /** SBV2 server_fastapi shape, always HTTP 422 like SBV2 (503 stays 503). */
    static Response sbv2(InvalidRequestException e) {
        int status = e.status() >= 500 ? e.status() : 422;
        Map<String, Object> item = Map.of("type", e.type(), "msg", e.getMessage(), "loc", List.of("query", e.field()));
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("detail", List.of(item))).build();
    }

    static Response flat(InvalidRequestException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", e.getMessage(), "field", e.field(), "type", e.type())).build();
    }

    static Response overloaded(OverloadedException e) {
        return Response.status(503).header("Retry-After", Integer.toString(e.retryAfterSeconds()))
                .type(MediaType.APPLICATION_JSON).entity(Map.of("error", e.getMessage(), "type", "overloaded")).build();
    }
}
