package dev.luna.tts.api;

import dev.luna.tts.engine.TtsException;
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
 * shape — SBV2's {@code {"detail":[{type,msg,loc}]}} with 422 on /voice (as SBV2's server_fastapi answers), a flat
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
        // a refusal is the client's business: one line, no stack trace, user text escaped
        LOG.debugf("Refused %s %s (%d %s, field %s): %s", request.method(), LogText.quote(request.path()), status,
                type, e.field(), LogText.quote(e.getMessage()));
        Response.ResponseBuilder b = shape(request, status, e.field(), type, e.getMessage());
        if (status == 503) {
            b.header("Retry-After", Integer.toString(Math.max(1, e.retryAfterSeconds())));
        }
        if (e.kind() == TtsException.Kind.UNAVAILABLE) {
            // not loaded yet or shutting down: a kept-alive connection would bring the retry back to this pod
            b.header("Connection", "close");
        }
        return b.build();
    }

    @ServerExceptionMapper
    public Response api(ApiException e, HttpServerRequest request) {
        LOG.debugf("Refused %s %s (%d %s, field %s): %s", request.method(), LogText.quote(request.path()), e.status,
                e.type, e.field, LogText.quote(e.getMessage()));
        return shape(request, e.status, e.field, e.type, e.getMessage()).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, HttpServerRequest request) {
        if (e instanceof WebApplicationException w) {
            return w.getResponse();   // routing and content negotiation errors keep their own status
        }
        if (clientGone(e)) {
            // the client closed the connection before its request was read: nobody to answer, nothing broken
            LOG.debugf("%s %s: the client closed the connection during the request", request.method(),
                    LogText.quote(request.path()));
            return Response.status(400).build();
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "Error id %s: %s %s failed", id, request.method(), LogText.quote(request.path()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "internal error; quote error id " + id + " when reporting it");
        body.put("type", "internal");
        body.put("error_id", id);
        return Response.status(500).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    private static boolean clientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.nio.channels.ClosedChannelException || t instanceof io.vertx.core.http.HttpClosedException) {
                return true;
            }
        }
        return false;
    }

    private static Response.ResponseBuilder shape(HttpServerRequest request, int status, String field, String type,
                                                  String message) {
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
