package dev.luna.tts.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;

import java.io.IOException;

/**
 * A request body whose chunked framing does not decode (a chunk size that is not hex or overflows, data past a
 * chunk's size, garbage in a chunk extension) makes Vert.x 4.5 fail the connection and close it, after the request
 * was dispatched and before any JAX-RS code can answer. The connection's exception handler runs first, on the
 * connection's thread: the 400 is written there ({@link ErrorMapper#malformedBody} decides its shape) and flushed at
 * once, since the close that follows discards unflushed writes. The flush goes through Vert.x's internal
 * {@code ConnectionBase} (no public API flushes mid-read); {@code ReliabilityTest} fails if an upgrade changes that.
 */
@ApplicationScoped
public class MalformedBodyGuard {

    private final ObjectMapper json;

    public MalformedBodyGuard(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(rc -> {
            HttpServerRequest request = rc.request();
            // HTTP/1 only (an HTTP/2 connection carries other requests' streams): each request on a kept-alive
            // connection installs it for itself, so it always answers the request whose body is being read
            if (request.version() != HttpVersion.HTTP_2) {
                request.connection().exceptionHandler(e -> {
                    // a socket error (the client reset the connection) is no malformed body, and nobody is
                    // there to read an answer
                    if (!(e instanceof IOException)) {
                        refuse(request);
                    }
                });
            }
            rc.next();
        });
    }

    private void refuse(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        if (response.headWritten() || response.ended() || response.closed()) {
            return;   // a stream already under way: the close is what the client sees (README: streams)
        }
        Response r = ErrorMapper.malformedBody(request);
        String body;
        try {
            body = json.writeValueAsString(r.getEntity());
        } catch (JsonProcessingException e) {
            body = "{}";
        }
        response.setStatusCode(r.getStatus()).putHeader("Content-Type", "application/json")
                .putHeader("Connection", "close").end(body);
        if (request.connection() instanceof ConnectionBase c) {
            c.channelHandlerContext().flush();
        }
    }
}
