package dev.luna.tts.api;

import dev.luna.tts.service.SynthesisService;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.buffer.Buffer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * POST /synthesize: JSON in, audio/wav streamed out (chunked; one chunk per line or sentence as it is synthesized).
 * {@code format=pcm} (body or query) sends raw 16-bit little-endian mono PCM instead.
 */
@Path("/synthesize")
@Tag(name = "Synthesis")
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
    @Operation(summary = "Synthesize (streamed)", description = "WAV streamed while it is synthesized: the 44-byte"
            + " header first (sizes 0xFFFFFFFF: length unknown), then each piece's PCM. format=pcm sends raw 16-bit"
            + " little-endian mono PCM (audio/L16) instead.")
    @APIResponse(responseCode = "200", description = "Audio", content = {@Content(mediaType = "audio/wav"),
            @Content(mediaType = "audio/L16")})
    @APIResponse(responseCode = "400", description = "Bad value, text too long, or text that normalizes to nothing (type empty_text)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "Unknown model, speaker or style",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "Too much in flight, or models not ready; see Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public RestMulti<Buffer> synthesize(SynthesizeBody body, @Parameter(description = "wav (default) or pcm; the"
            + " body's format wins", schema = @Schema(enumeration = {"wav", "pcm"})) @QueryParam("format")
                                        String formatQuery) {
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
        return RestMulti.fromMultiData(AudioStreams.stream(synthesis.stream(a), a.sampleRate(), wav))
                .header("Content-Type", type)
                .header("X-Sample-Rate", Integer.toString(a.sampleRate()))
                .header("X-Request-Id", a.requestId())
                .build();
    }
}
