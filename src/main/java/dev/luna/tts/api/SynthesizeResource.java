package dev.luna.tts.api;

import dev.luna.tts.service.SynthesisService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * POST /synthesize: JSON in, audio/wav streamed out (chunked; one chunk per line or sentence as it is synthesized).
 * {@code format=pcm} (body or query) sends raw 16-bit little-endian mono PCM instead.
 */
@Path("/synthesize")
public class SynthesizeResource {

    public static final String PCM_TYPE = "audio/L16";

    private final SynthesisService synthesis;

    public SynthesizeResource(SynthesisService synthesis) {
        this.synthesis = synthesis;
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces("audio/wav")
    public RestMulti<Buffer> synthesize(SynthesizeBody body, @QueryParam("format") String formatQuery,
                                        @Context HttpServerResponse response) {
        if (body == null) {
            throw ApiException.badRequest("text", "a JSON body with \"text\" is required");
        }
        String format = body.format() != null ? body.format() : formatQuery == null ? "wav" : formatQuery;
        if (!format.equals("wav") && !format.equals("pcm")) {
            throw ApiException.badRequest("format", "format must be wav or pcm");
        }
        SynthesisService.Accepted a = synthesis.accept(body.toRequest(), "synthesize");
        boolean wav = format.equals("wav");
        String type = wav ? "audio/wav" : PCM_TYPE + ";rate=" + a.sampleRate() + ";channels=1";
        // A failure after the status line must not look like a complete file: the connection is closed before the
        // error reaches the stream writer, so no terminating chunk is sent and the client sees a broken transfer.
        Multi<float[]> audio = synthesis.stream(a).onFailure().invoke(e -> AudioStreams.abort(response));
        return RestMulti.fromMultiData(AudioStreams.stream(audio, a.sampleRate(), wav))
                .header("Content-Type", type)
                .header("X-Sample-Rate", Integer.toString(a.sampleRate()))
                .header("X-Request-Id", a.requestId())
                .build();
    }
}
