package dev.luna.tts.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * /v1/audio/speech chooses its Content-Type from response_format, not from Accept: OpenAI's SDKs send
 * {@code application/octet-stream}, others {@code audio/mpeg} or {@code text/event-stream}. The resource declares one
 * produced type (see there), so any Accept is widened before matching instead of answering 406.
 */
public class OpenAiAcceptFilter {

    @ServerRequestFilter(preMatching = true)
    public void widen(ContainerRequestContext ctx) {
        if (ctx.getUriInfo().getPath().equals("/v1/audio/speech")) {
            ctx.getHeaders().putSingle(HttpHeaders.ACCEPT, "*/*");
        }
    }
}
