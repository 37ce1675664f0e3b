package dev.luna.tts.api;

import dev.luna.tts.api.voicevox.VoicevoxPaths;
import dev.luna.tts.engine.TtsException;
import dev.luna.tts.engine.audio.AudioFormatException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one place where errors become HTTP: a {@link TtsException}'s kind decides the status; the path decides the
 * shape — SBV2's {@code {"detail":[{type,msg,loc}]}} with 422 on /voice (as SBV2's server_fastapi answers) and on the
 * VOICEVOX paths (as VOICEVOX ENGINE answers), a flat
 * {@code {"error","field","type"}} elsewhere. Anything unexpected is a 500 with an error id (logged with the
 * stack trace under that id): a bug to fix, never a way to report bad input.
 */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    @ServerExceptionMapper
    public Response tts(TtsException e, HttpServerRequest request) {
        int status = switch (e.kind()) {
            case INVALID, TOO_LONG, EMPTY_TEXT -> 400;
            case NOT_FOUND -> 404;
            case UNAUTHORIZED -> 401;
            case OVERLOADED, UNAVAILABLE -> 503;
        };
        String type = switch (e.kind()) {
            case INVALID -> "invalid_params";
            case TOO_LONG -> "too_long";
            case EMPTY_TEXT -> "empty_text";
            case NOT_FOUND -> "not_found";
            case UNAUTHORIZED -> "unauthorized";
            case OVERLOADED -> "overloaded";
            case UNAVAILABLE -> "not_ready";
        };
        Response.ResponseBuilder b = shape(request, status, e.field(), type, e.getMessage());
        if (status == 503) {
            b.header("Retry-After", Integer.toString(Math.max(1, e.retryAfterSeconds())));
        }
        return b.build();
    }

    @ServerExceptionMapper
    public Response format(AudioFormatException e, HttpServerRequest request) {
        return shape(request, 400, e.field(), e.kind().code(), e.getMessage()).build();
    }

    @ServerExceptionMapper
    public Response api(ApiException e, HttpServerRequest request) {
        return shape(request, e.status, e.field, e.type, e.getMessage()).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, HttpServerRequest request) {
        if (e instanceof WebApplicationException w) {
            return w.getResponse();   // routing and content negotiation errors keep their own status
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "Error id %s: %s %s failed", id, request.method(), request.path());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "internal error; quote error id " + id + " when reporting it");
        body.put("type", "internal");
        body.put("error_id", id);
        return Response.status(500).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    private static Response.ResponseBuilder shape(HttpServerRequest request, int status, String field, String type,
                                                  String message) {
        if (VoicevoxPaths.matches(request.path())) {
            // FastAPI's validation shape, as VOICEVOX ENGINE answers every refused request
            int s = status >= 500 || status == 401 ? status : 422;
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("type", type);
            item.put("loc", VoicevoxPaths.loc(field));
            item.put("msg", message);
            return Response.status(s).type(MediaType.APPLICATION_JSON).entity(Map.of("detail", List.of(item)));
        }
        if (request.path().startsWith("/voice")) {
            int s = status >= 500 || status == 401 ? status : 422;
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("type", type);
            item.put("msg", message);
            item.put("loc", List.of("query", VoiceResource.queryName(field)));
            return Response.status(s).type(MediaType.APPLICATION_JSON).entity(Map.of("detail", List.of(item)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (field != null) {
            body.put("field", field);
        }
        body.put("type", type);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body);
    }
}
