package dev.luna.tts.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.luna.tts.engine.TtsException;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.luna.tts.engine.audio.AudioFormatException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.UUID;

/**
 * The one place where errors become HTTP: a {@link TtsException}'s kind decides the status; the path decides the
 * shape — SBV2's {@code {"detail":[{type,msg,loc}]}} with 422 on /voice (as SBV2's server_fastapi answers) and on the
 * VOICEVOX paths (as VOICEVOX ENGINE answers), OpenAI's {@code {"error":{message,type,param,code}}} with OpenAI's
 * statuses under /v1/, a flat
 * {@code {"error","field","type"}} elsewhere. Anything unexpected is a 500 with an error id (logged with the
 * stack trace under that id): a bug to fix, never a way to report bad input.
 */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    @ServerExceptionMapper
    public Response tts(TtsException e, HttpServerRequest request) {
        if (openAi(request)) {
            return openAi(e);
        }
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
    public Response format(AudioFormatException e, HttpServerRequest request) {
        if (openAi(request)) {
            String code = e.kind() == AudioFormatException.Kind.UNKNOWN_FORMAT ? "invalid_value" : "unsupported_value";
            return openAi(400, OpenAiError.param(e.field()), code, e.getMessage()).build();
        }
        return shape(request, 400, e.field(), e.kind().code(), e.getMessage()).build();
    }

    /**
     * A body Jackson cannot read: malformed JSON, a value of the wrong type, a duplicate key. The answer names the
     * field where Jackson knows it and says what was wrong in our words (Jackson's own message quotes its classes).
     */
    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpServerRequest request) {
        String field = null;
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            JsonMappingException.Reference last = m.getPath().get(m.getPath().size() - 1);
            field = last.getFieldName() != null ? last.getFieldName() : "[" + last.getIndex() + "]";
        }
        String what = e instanceof JsonParseException ? "the request body is not valid JSON"
                : e instanceof MismatchedInputException && field != null ? "\"" + field + "\" has the wrong type"
                : "the request body does not match this endpoint's JSON shape (wrong type or duplicate key)";
        LOG.debugf("Unreadable JSON body on %s: %s", request.path(), e.getOriginalMessage());
        return shape(request, 400, field == null ? "body" : field, "invalid_json", what).build();
    }

    /** A duplicate key in a record body surfaces as this (Quarkus's own mapper would answer 500). */
    @ServerExceptionMapper
    public Response jsonDefinition(InvalidDefinitionException e, HttpServerRequest request) {
        return json(e, request);
    }

    /** A value of the wrong type (Quarkus's own mapper answers 400 without naming the field). */
    @ServerExceptionMapper
    public Response jsonMismatch(MismatchedInputException e, HttpServerRequest request) {
        return json(e, request);
    }

    /** Malformed JSON (Quarkus's own mapper answers 400 with an empty body). */
    @ServerExceptionMapper
    public Response jsonParse(JsonParseException e, HttpServerRequest request) {
        return json(e, request);
    }

    @ServerExceptionMapper
    public Response api(ApiException e, HttpServerRequest request) {
        LOG.debugf("Refused %s %s (%d %s, field %s): %s", request.method(), LogText.quote(request.path()), e.status,
                e.type, e.field, LogText.quote(e.getMessage()));
        if (openAi(request)) {
            return openAi(e.status, e.field, e.type, e.getMessage()).build();   // /v1 code names OpenAI's fields
        }
        return shape(request, e.status, e.field, e.type, e.getMessage()).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, HttpServerRequest request) {
        if (e instanceof WebApplicationException w) {
            if (openAi(request)) {   // OpenAI's SDKs read every error body as its error shape
                int s = w.getResponse().getStatus();
                return openAi(s, null, s == 404 ? "unknown_url" : "invalid_request", request.method() + " "
                        + request.path() + ": " + Response.Status.fromStatusCode(s).getReasonPhrase()).build();
            }
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
        if (openAi(request)) {
            return openAi(500, null, "internal_error", "internal error; quote error id " + id + " when reporting it")
                    .build();
        }
        return Response.status(500).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody("internal error; quote error id " + id + " when reporting it", null, "internal",
                        id)).build();
    }

    /**
     * The answer to a request whose chunked body framing does not decode, in the path's shape
     * ({@link MalformedBodyGuard} writes it: Vert.x closes the connection before any JAX-RS code could).
     */
    static Response malformedBody(HttpServerRequest request) {
        String message = "the request body's chunked framing is malformed (a chunk size or chunk delimiter)";
        LOG.debugf("Refused %s %s (400, malformed chunked body)", request.method(), LogText.quote(request.path()));
        if (openAi(request)) {
            return openAi(400, null, "invalid_request", message).build();
        }
        return shape(request, 400, "body", "invalid_body", message).build();
    }

    private static boolean openAi(HttpServerRequest request) {
        return request.path().startsWith("/v1/");
    }

    /** OpenAI's statuses: every bad value, unknown voice or style included, is a 400 naming OpenAI's param. */
    private static Response openAi(TtsException e) {
        int status = switch (e.kind()) {
            case INVALID, TOO_LONG, EMPTY_TEXT, NOT_FOUND -> 400;
            case UNAUTHORIZED -> 401;
            case OVERLOADED, UNAVAILABLE -> 503;
        };
        String code = switch (e.kind()) {
            case INVALID, EMPTY_TEXT, NOT_FOUND -> "invalid_value";
            case TOO_LONG -> "string_above_max_length";
            case UNAUTHORIZED -> "invalid_api_key";
            case OVERLOADED -> "overloaded";
            case UNAVAILABLE -> "not_ready";
        };
        Response.ResponseBuilder b = openAi(status, OpenAiError.param(e.field()), code, e.getMessage());
        if (status == 503) {
            b.header("Retry-After", Integer.toString(Math.max(1, e.retryAfterSeconds())));
        }
        return b.build();
    }

    private static Response.ResponseBuilder openAi(int status, String param, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(OpenAiError.of(status, param, code, message));
    }

    private static boolean clientGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // a closed channel, or the client's reset seen while its body was read
            if (t instanceof java.nio.channels.ClosedChannelException || t instanceof io.vertx.core.http.HttpClosedException
                    || t instanceof java.net.SocketException) {
                return true;
            }
        }
        return false;
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
            return Response.status(s).type(MediaType.APPLICATION_JSON).entity(new FastApiError(List.of(
                    new FastApiError.Item(type, message, List.of("query", VoiceResource.queryName(field))))));
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(message, field, type, null));
    }
}
