package dev.luna.tts.api;

import dev.luna.tts.engine.audio.AudioEncoder;
import dev.luna.tts.engine.audio.AudioEncoders;
import dev.luna.tts.engine.audio.AudioFormat;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * POST /synthesize: JSON in, audio streamed out (chunked; each line or sentence's frames as soon as it is
 * synthesized). {@code format} (body or query): wav (default), pcm (raw 16-bit little-endian mono), flac, opus
 * (Ogg), mp3; {@code sample_rate} resamples.
 */
@Path("/synthesize")
@Tag(name = "Synthesis")
public class SynthesizeResource {

    private final SynthesisService synthesis;

    public SynthesizeResource(SynthesisService synthesis) {
        this.synthesis = synthesis;
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces("audio/wav")   // the Content-Type header below names the format actually sent
    @Operation(summary = "Synthesize (streamed)", description = "Audio streamed while it is synthesized: the container"
            + " header first (a wav's sizes are 0xFFFFFFFF: length unknown), then each piece's frames as soon as it is"
            + " synthesized. format: wav (default), pcm (raw 16-bit little-endian mono, audio/L16), flac, opus (Ogg),"
            + " mp3; sample_rate resamples.")
    @APIResponse(responseCode = "200", description = "Audio", content = {@Content(mediaType = "audio/wav"),
            @Content(mediaType = "audio/L16"), @Content(mediaType = "audio/flac"),
            @Content(mediaType = "audio/ogg"), @Content(mediaType = "audio/mpeg")})
    @APIResponse(responseCode = "400", description = "Bad value, text too long, text that normalizes to nothing (type"
            + " empty_text), or a format or sample rate that cannot be produced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "Unknown model, speaker or style",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "Too much in flight, or models not ready; see Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public RestMulti<Buffer> synthesize(SynthesizeBody body,
                                        @Parameter(description = "The body's format wins", schema = @Schema(
                                                enumeration = {"wav", "pcm", "flac", "opus", "mp3"}))
                                        @QueryParam("format") String formatQuery,
                                        @Parameter(description = "Rate of the audio (the body's sample_rate wins);"
                                                + " default: the voice's (opus: 48000)")
                                        @QueryParam("sample_rate") Integer rateQuery,
                                        @Context HttpServerResponse response) {
        if (body == null) {
            throw ApiException.badRequest("text", "a JSON body with \"text\" is required");
        }
        AudioFormat format = AudioFormat.parse(body.format() != null ? body.format()
                : formatQuery == null ? "wav" : formatQuery, "format");
        Integer rate = body.sampleRate() != null ? body.sampleRate() : rateQuery;
        SynthesisService.Accepted a = synthesis.accept(body.toRequest(), "synthesize");
        AudioEncoder encoder;
        try {
            // raw PCM keeps the voice's rate unless asked (OpenAI's 24 kHz is /v1/audio/speech's default only)
            encoder = AudioEncoders.open(format, a.sampleRate(), 1,
                    rate == null && format == AudioFormat.PCM ? Integer.valueOf(a.sampleRate()) : rate, "sample_rate");
        } catch (RuntimeException e) {
            synthesis.abandon(a);
            throw e;
        }
        // A failure after the status line must not look like a complete file: the connection is closed before the
        // error reaches the stream writer, so no terminating chunk is sent and the client sees a broken transfer.
        Multi<float[]> audio = synthesis.stream(a).onFailure().invoke(e -> AudioStreams.abort(response));
        AudioStreams.requireOpen(response, () -> synthesis.abandon(a));
        return RestMulti.fromMultiData(AudioStreams.stream(audio, encoder, response::closed))
                .header("Content-Type", encoder.contentType())
                .header("X-Sample-Rate", Integer.toString(encoder.outputSampleRate()))
                .header("X-Request-Id", a.requestId())
                .build();
    }
}
