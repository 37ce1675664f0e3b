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
import org.jboss.resteasy.reactive.server.Cancellable;

import java.net.URLDecoder;
import java.nio.charset.Charset;

/**
 * SBV2 server_fastapi.py's /voice (GET and POST, query parameters, same names and defaults,
 * errors as HTTP 422 {"detail":[{type,msg,loc}]}). Answers one complete WAV with exact sizes,
 * as SBV2 does, so existing clients work unchanged.
 */
@Path("/voice")
public class VoiceResource {

    private final SynthesisService synthesis;

    public VoiceResource(SynthesisService synthesis) {
        this.synthesis = synthesis;
    }

    @GET
    @Blocking
    @Cancellable
    @Produces("audio/wav")
    public Uni<Response> get(@Context UriInfo uri, @Context HttpServerResponse response) {
        return voice(uri.getQueryParameters(), response);
    }

    @POST
    @Blocking
    @Cancellable
    @Produces("audio/wav")
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
        });
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
