package dev.luna.tts.api;

import dev.luna.tts.engine.SynthesisParams;
import dev.luna.tts.engine.SynthesisParams.Param;
import dev.luna.tts.engine.SynthesisRequest;
import dev.luna.tts.service.SynthesisService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

import java.net.URLDecoder;
import java.nio.charset.Charset;

/**
 * SBV2 server_fastapi.py's /voice (GET and POST, query parameters, same names and defaults,
 * errors as HTTP 422 {"detail":[{type,msg,loc}]}). Answers one complete WAV with exact sizes,
 * as SBV2 does, so existing clients work unchanged.
 */
@Path("/voice")
@Tag(name = "SBV2")
public class VoiceResource {

    private final SynthesisService synthesis;

    public VoiceResource(SynthesisService synthesis) {
        this.synthesis = synthesis;
    }

    @GET
    @Blocking
    @Cancellable
    @Produces("audio/wav")
    @Operation(summary = "SBV2 /voice (GET)", description = "Style-Bert-VITS2 server_fastapi.py compatible; answers one"
            + " complete WAV")
    @Parameters({
            @Parameter(name = "text", in = ParameterIn.QUERY, required = true, description = "Japanese text",
                    schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "encoding", in = ParameterIn.QUERY, description = "Charset the text is additionally URL-encoded in (SBV2's encoding)",
                    schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "model_name", in = ParameterIn.QUERY, description = "Voice name; wins over model_id",
                    schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "model_id", in = ParameterIn.QUERY, description = "Index in the sorted voice list",
                    schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0")),
            @Parameter(name = "speaker_name", in = ParameterIn.QUERY, description = "Speaker name; wins over speaker_id",
                    schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "speaker_id", in = ParameterIn.QUERY, description = "Speaker id (default: the voice's first)",
                    schema = @Schema(type = SchemaType.INTEGER)),
            @Parameter(name = "sdp_ratio", in = ParameterIn.QUERY, description = "SBV2 sdp_ratio",
                    schema = @Schema(type = SchemaType.NUMBER)),
            @Parameter(name = "noise", in = ParameterIn.QUERY, description = "SBV2 noise",
                    schema = @Schema(type = SchemaType.NUMBER)),
            @Parameter(name = "noisew", in = ParameterIn.QUERY, description = "SBV2 noise_w",
                    schema = @Schema(type = SchemaType.NUMBER)),
            @Parameter(name = "length", in = ParameterIn.QUERY, description = "SBV2 length (larger is slower)",
                    schema = @Schema(type = SchemaType.NUMBER)),
            @Parameter(name = "language", in = ParameterIn.QUERY, description = "Only JP (JP-Extra)",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"JP"}, defaultValue = "JP")),
            @Parameter(name = "auto_split", in = ParameterIn.QUERY, description = "One piece per line",
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "true")),
            @Parameter(name = "split_interval", in = ParameterIn.QUERY, description = "Seconds of silence between lines",
                    schema = @Schema(type = SchemaType.NUMBER)),
            @Parameter(name = "assist_text", in = ParameterIn.QUERY, description = "Text whose BERT features are mixed in",
                    schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "assist_text_weight", in = ParameterIn.QUERY, description = "Weight of assist_text",
                    schema = @Schema(type = SchemaType.NUMBER)),
            @Parameter(name = "style", in = ParameterIn.QUERY, description = "Style name",
                    schema = @Schema(type = SchemaType.STRING, defaultValue = "Neutral")),
            @Parameter(name = "style_weight", in = ParameterIn.QUERY, description = "Style strength",
                    schema = @Schema(type = SchemaType.NUMBER))
    })
    @APIResponse(responseCode = "200", description = "One complete WAV with exact sizes",
            content = @Content(mediaType = "audio/wav"))
    @APIResponse(responseCode = "422", description = "Bad, unknown or missing value (SBV2's FastAPI shape)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FastApiError.class)))
    @APIResponse(responseCode = "503", description = "Too much in flight, or models not ready; see Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FastApiError.class)))
    public Uni<Response> get(@Context UriInfo uri, @Context HttpServerResponse response) {
        return voice(uri.getQueryParameters(), response);
    }

    @POST
    @Blocking
    @Cancellable
    @Produces("audio/wav")
    @Operation(summary = "SBV2 /voice (POST)", description = "Style-Bert-VITS2 server_fastapi.py compatible; answers one"
            + " complete WAV")
    @Parameters({
            @Parameter(name = "text", in = ParameterIn.QUERY, required = true, description = "Japanese text",
                    schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "encoding", in = ParameterIn.QUERY, description = "Charset the text is additionally URL-encoded in (SBV2's encoding)",
                    schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "model_name", in = ParameterIn.QUERY, description = "Voice name; wins over model_id",
                    schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "model_id", in = ParameterIn.QUERY, description = "Index in the sorted voice list",
                    schema = @Schema(type = SchemaType.INTEGER, defaultValue = "0")),
            @Parameter(name = "speaker_name", in = ParameterIn.QUERY, description = "Speaker name; wins over speaker_id",
                    schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "speaker_id", in = ParameterIn.QUERY, description = "Speaker id (default: the voice's first)",
                    schema = @Schema(type = SchemaType.INTEGER)),
            @Parameter(name = "sdp_ratio", in = ParameterIn.QUERY, description = "SBV2 sdp_ratio",
                    schema = @Schema(type = SchemaType.NUMBER)),
            @Parameter(name = "noise", in = ParameterIn.QUERY, description = "SBV2 noise",
                    schema = @Schema(type = SchemaType.NUMBER)),
            @Parameter(name = "noisew", in = ParameterIn.QUERY, description = "SBV2 noise_w",
                    schema = @Schema(type = SchemaType.NUMBER)),
            @Parameter(name = "length", in = ParameterIn.QUERY, description = "SBV2 length (larger is slower)",
                    schema = @Schema(type = SchemaType.NUMBER)),
            @Parameter(name = "language", in = ParameterIn.QUERY, description = "Only JP (JP-Extra)",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"JP"}, defaultValue = "JP")),
            @Parameter(name = "auto_split", in = ParameterIn.QUERY, description = "One piece per line",
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "true")),
            @Parameter(name = "split_interval", in = ParameterIn.QUERY, description = "Seconds of silence between lines",
                    schema = @Schema(type = SchemaType.NUMBER)),
            @Parameter(name = "assist_text", in = ParameterIn.QUERY, description = "Text whose BERT features are mixed in",
                    schema = @Schema(type = SchemaType.STRING)),
            @Parameter(name = "assist_text_weight", in = ParameterIn.QUERY, description = "Weight of assist_text",
                    schema = @Schema(type = SchemaType.NUMBER)),
            @Parameter(name = "style", in = ParameterIn.QUERY, description = "Style name",
                    schema = @Schema(type = SchemaType.STRING, defaultValue = "Neutral")),
            @Parameter(name = "style_weight", in = ParameterIn.QUERY, description = "Style strength",
                    schema = @Schema(type = SchemaType.NUMBER))
    })
    @APIResponse(responseCode = "200", description = "One complete WAV with exact sizes",
            content = @Content(mediaType = "audio/wav"))
    @APIResponse(responseCode = "422", description = "Bad, unknown or missing value (SBV2's FastAPI shape)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FastApiError.class)))
    @APIResponse(responseCode = "503", description = "Too much in flight, or models not ready; see Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FastApiError.class)))
    public Uni<Response> post(@Context UriInfo uri, @Context HttpServerResponse response) {
        return voice(uri.getQueryParameters(), response);
    }

    /**
     * Validation, planning and admission happen here, before any byte is sent; synthesis runs after, and a client
     * that hangs up cancels the returned Uni (Quarkus REST cancels it when the connection closes), which stops
     * synthesis before the next piece. The connection's close is watched here too: nothing is written until the
     * audio is complete, so without it a client that left would go unnoticed until then.
     */
    private Uni<Response> voice(MultivaluedMap<String, String> q, HttpServerResponse response) {
        String text = q.getFirst("text");
        if (text == null) {
            throw new ApiException(422, "text", "missing", "Field required");
        }
        String encoding = q.getFirst("encoding");
        if (encoding != null) {
            try {
                text = URLDecoder.decode(text, Charset.forName(encoding));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("encoding", "cannot decode text with encoding " + encoding);
            }
        }
        String language = q.getFirst("language");
        if (language != null && !language.equals("JP")) {
            throw ApiException.badRequest("language", "only language JP is supported (JP-Extra)");
        }
        if (q.getFirst("reference_audio_path") != null) {
            throw ApiException.badRequest("reference_audio_path", "reference audio is not supported");
        }
        SynthesisParams params = SynthesisParams.builder()
                .set(Param.SDP_RATIO, number(q, "sdp_ratio")).set(Param.NOISE, number(q, "noise"))
                .set(Param.NOISE_W, number(q, "noisew")).set(Param.LENGTH, number(q, "length"))
                .set(Param.STYLE_WEIGHT, number(q, "style_weight"))
                .set(Param.ASSIST_TEXT_WEIGHT, number(q, "assist_text_weight"))
                .set(Param.SPLIT_INTERVAL, number(q, "split_interval")).build();
        SynthesisRequest r = new SynthesisRequest(text, q.getFirst("model_name"), integer(q, "model_id"),
                q.getFirst("speaker_name"), integer(q, "speaker_id"), q.getFirst("style"), q.getFirst("assist_text"),
                bool(q, "auto_split"), params);
        SynthesisService.Accepted a = synthesis.accept(r, "voice");
        Uni<float[]> audio = Uni.createFrom().emitter(em -> {
            var run = synthesis.complete(a).subscribe().with(em::complete, em::fail);
            em.onTermination(run::cancel);
            response.closeHandler(closed -> run.cancel());
            if (response.closed()) {   // closed before the handler was set: its event is gone
                run.cancel();
            }
        });
        AudioStreams.requireOpen(response, () -> synthesis.abandon(a));
        return audio.map(pcm -> Response.ok(AudioStreams.completeWav(pcm, a.sampleRate()), "audio/wav")
                .header("X-Request-Id", a.requestId()).build());
    }

    /** SBV2's query names for the engine's field names (errors point at what the client sent). */
    static String queryName(String field) {
        if (field == null) {
            return "query";
        }
        return switch (field) {
            case "model" -> "model_name";
            case "speaker" -> "speaker_name";
            case "noise_w" -> "noisew";
            default -> field;
        };
    }

    private static Integer integer(MultivaluedMap<String, String> q, String name) {
        String v = q.getFirst(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.strip());
        } catch (NumberFormatException e) {
            throw new ApiException(422, name, "int_parsing",
                    "Input should be a valid integer, unable to parse string as an integer");
        }
    }

    private static Double number(MultivaluedMap<String, String> q, String name) {
        String v = q.getFirst(name);
        if (v == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(v.strip());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new ApiException(422, name, "float_parsing",
                "Input should be a valid number, unable to parse string as a number");
    }

    private static Boolean bool(MultivaluedMap<String, String> q, String name) {
        String v = q.getFirst(name);
        if (v == null) {
            return null;
        }
        return switch (v.strip().toLowerCase()) {
            case "true", "1", "yes", "on", "t", "y" -> true;
            case "false", "0", "no", "off", "f", "n" -> false;
            default -> throw new ApiException(422, name, "bool_parsing",
                    "Input should be a valid boolean, unable to interpret input");
        };
    }
}
