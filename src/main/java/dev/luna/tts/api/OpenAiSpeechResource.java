package dev.luna.tts.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.luna.tts.engine.SynthesisParams;
import dev.luna.tts.engine.SynthesisParams.Param;
import dev.luna.tts.engine.SynthesisRequest;
import dev.luna.tts.engine.TtsException;
import dev.luna.tts.engine.audio.AudioEncoder;
import dev.luna.tts.engine.audio.AudioFormat;
import dev.luna.tts.service.LunaConfig;
import dev.luna.tts.service.SynthesisService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * OpenAI's POST /v1/audio/speech on luna voices: the audio streams while it is synthesized (chunked), or as
 * server-sent events with {@code stream_format=sse}. Every refusal happens before the status line, in OpenAI's error
 * shape (ErrorMapper).
 */
@Path("/v1/audio/speech")
@Tag(name = "OpenAI")
public class OpenAiSpeechResource {

    /** OpenAI's speed range and default. */
    public static final double MIN_SPEED = 0.25;
    public static final double MAX_SPEED = 4.0;
    public static final double DEFAULT_SPEED = 1.0;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SynthesisService synthesis;
    private final OpenAiVoices voices;
    private final OpenAiModels models;
    private final LunaConfig.Openai config;

    public OpenAiSpeechResource(SynthesisService synthesis, OpenAiVoices voices, OpenAiModels models,
                                LunaConfig config) {
        this.synthesis = synthesis;
        this.voices = voices;
        this.models = models;
        this.config = config.openai();
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    // OpenAI's SDKs send Accept: application/octet-stream; the real type is set below. One concrete type: with a
    // wildcard the reactive layer frames the stream as server-sent events itself, and several fail negotiation.
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "Create speech (OpenAI)", description = "OpenAI's create-speech API. The audio is sent as it is"
            + " synthesized (chunked); wav streams with its sizes set to 0xFFFFFFFF (length unknown).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OpenAiSpeechRequest.class)))
    @APIResponse(responseCode = "200", description = "The audio in response_format, or server-sent events",
            content = {@Content(mediaType = "audio/wav"), @Content(mediaType = "audio/L16"),
                    @Content(mediaType = "audio/mpeg"), @Content(mediaType = "audio/ogg"),
                    @Content(mediaType = "audio/flac"), @Content(mediaType = "audio/aac"),
                    @Content(mediaType = "text/event-stream")})
    @APIResponse(responseCode = "400", description = "Bad input; param names the field",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpenAiError.class)))
    @APIResponse(responseCode = "404", description = "Unknown model",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpenAiError.class)))
    @APIResponse(responseCode = "503", description = "Overloaded or not ready; see Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpenAiError.class)))
    public RestMulti<Buffer> speech(String body, @Context HttpServerResponse response) {
        OpenAiSpeechRequest r = OpenAiSpeechRequest.parse(body);
        models.check(r.model());
        if (r.input() == null) {
            throw new ApiException(400, "input", "missing_required_parameter", "input is required");
        }
        if (r.input().isEmpty()) {
            throw new ApiException(400, "input", "string_too_short", "input must not be empty");
        }
        if (r.voice() == null) {
            throw new ApiException(400, "voice", "missing_required_parameter", "voice is required");
        }
        AudioFormat format = AudioFormat.parse(r.responseFormat() == null ? config.defaultResponseFormat()
                : r.responseFormat(), "response_format");
        boolean sse = streamFormat(r.streamFormat());
        if (r.sampleRate() != null && r.sampleRate() <= 0) {
            throw new ApiException(400, "sample_rate", "invalid_value", "sample_rate must be positive");
        }
        OpenAiVoices.Choice voice = voices.resolve(r.voice());
        SynthesisParams params = SynthesisParams.builder()
                .set(Param.LENGTH, length(r.speed()))
                .set(Param.SDP_RATIO, r.sdpRatio()).set(Param.NOISE, r.noise()).set(Param.NOISE_W, r.noiseW())
                .set(Param.STYLE_WEIGHT, r.styleWeight()).build();
        SynthesisRequest request = new SynthesisRequest(r.input(), voice.voice(), null, null, null, voice.style(), null,
                null, params);
        // the encoder is opened before admission (a refused format or rate costs no synthesis) for the voice's rate
        // as loaded now; a refresh in between that changed the rate is refused rather than sent mislabelled
        int rate = voices.sampleRate(voice.voice());
        AudioEncoder encoder = AudioFormats.encoder(format, rate, r.sampleRate());
        SynthesisService.Accepted a = synthesis.accept(request, "openai");
        if (a.sampleRate() != rate) {
            synthesis.abandon(a);
            throw new TtsException(TtsException.Kind.UNAVAILABLE, "voice", "voice " + voice.voice()
                    + " was just reloaded; retry", 1);
        }
        // the container header leaves at once, then each piece's frames as it is synthesized
        // a failure after the status line closes the connection: the client sees a broken transfer, not a short file
        Multi<Buffer> out = AudioStreams.stream(synthesis.stream(a).onFailure().invoke(e -> AudioStreams.abort(response)),
                encoder, response::closed);
        AudioStreams.requireOpen(response, () -> synthesis.abandon(a));
        if (sse) {
            int inputChars = r.input().codePointCount(0, r.input().length());
            out = Multi.createBy().concatenating().streams(out.map(b -> delta(b.getBytes())),
                    Multi.createFrom().item(() -> done(inputChars)));
        }
        return RestMulti.fromMultiData(out)
                .header("Content-Type", sse ? "text/event-stream" : encoder.contentType())
                .header("X-Sample-Rate", Integer.toString(encoder.outputSampleRate()))
                .header("X-Request-Id", a.requestId())
                .build();
    }

    private static boolean streamFormat(String v) {
        if (v == null || v.equals("audio")) {
            return false;
        }
        if (v.equals("sse")) {
            return true;
        }
        throw new ApiException(400, "stream_format", "invalid_value", "stream_format '" + v
                + "' is not one of audio, sse");
    }

    /**
     * SBV2 length for an OpenAI speed. SBV2 allows length 0.1-3, i.e. speed 1/3-10: slower speeds, which OpenAI
     * allows down to 0.25, are sent as the slowest length SBV2 allows rather than refused.
     */
    static Double length(Double speed) {
        if (speed == null) {
            return null;
        }
        if (!(speed >= MIN_SPEED)) {
            throw new ApiException(400, "speed", "decimal_below_min_value", "speed must be between " + MIN_SPEED
                    + " and " + MAX_SPEED + ", got " + speed);
        }
        if (speed > MAX_SPEED) {
            throw new ApiException(400, "speed", "decimal_above_max_value", "speed must be between " + MIN_SPEED
                    + " and " + MAX_SPEED + ", got " + speed);
        }
        return Math.min(Param.LENGTH.max, Math.max(Param.LENGTH.min, 1.0 / speed));
    }

    private static Buffer delta(byte[] bytes) {
        ObjectNode e = JSON.createObjectNode();
        e.put("type", "speech.audio.delta");
        e.put("audio", Base64.getEncoder().encodeToString(bytes));
        return event(e);
    }

    /** OpenAI reports tokens; luna has none, so the input's characters stand in and nothing is counted as output. */
    private static Buffer done(int inputChars) {
        ObjectNode e = JSON.createObjectNode();
        e.put("type", "speech.audio.done");
        ObjectNode usage = e.putObject("usage");
        usage.put("input_tokens", inputChars);
        usage.put("output_tokens", 0);
        usage.put("total_tokens", inputChars);
        return event(e);
    }

    private static Buffer event(ObjectNode e) {
        return Buffer.buffer(("data: " + e + "\n\n").getBytes(StandardCharsets.UTF_8));
    }
}
