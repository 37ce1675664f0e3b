package dev.luna.tts.api;

import dev.luna.tts.runtime.InferencePool;
import dev.luna.tts.runtime.InvalidRequestException;
import dev.luna.tts.runtime.OverloadedException;
import dev.luna.tts.runtime.SynthesisRequest;
import dev.luna.tts.runtime.Synthesizer;
import dev.luna.tts.runtime.Utterance;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URLDecoder;
import java.nio.charset.Charset;

/**
 * SBV2 server_fastapi.py's /voice (GET and POST, query parameters, same names and defaults,
 * errors as HTTP 422 {"detail":[{type,msg,loc}]}). Answers one complete WAV with exact sizes,
 * as SBV2 does, so existing clients work unchanged.
 */
@Path("/voice")
public class VoiceResource {

    @Inject
    Synthesizer synthesizer;
    @Inject
    InferencePool pool;
    @Inject
    AudioStreams streams;

    @GET
    @Blocking
    @Produces("audio/wav")
    public Response get(@Context UriInfo uri) {
        return voice(uri.getQueryParameters());
    }

    @POST
    @Blocking
    @Produces("audio/wav")
    public Response post(@Context UriInfo uri) {
        return voice(uri.getQueryParameters());
    }

    private Response voice(MultivaluedMap<String, String> q) {
        long t0 = System.nanoTime();
        String text = q.getFirst("text");
        if (text == null) {
            throw new InvalidRequestException(422, "text", "missing", "Field required");
        }
        String encoding = q.getFirst("encoding");
        if (encoding != null) {
            try {
                text = URLDecoder.decode(text, Charset.forName(encoding));
            } catch (IllegalArgumentException e) {
                throw InvalidRequestException.invalid("encoding", "cannot decode text with encoding " + encoding);
            }
        }
        String language = q.getFirst("language");
        if (language != null && !language.equals("JP")) {
            throw InvalidRequestException.invalid("language", "only language JP is supported (JP-Extra)");
        }
        if (q.getFirst("reference_audio_path") != null) {
            throw InvalidRequestException.invalid("reference_audio_path", "reference audio is not supported");
        }
        SynthesisRequest r = new SynthesisRequest(text, q.getFirst("model_name"), integer(q, "model_id"),
                q.getFirst("speaker_name"), integer(q, "speaker_id"), q.getFirst("style"),
                number(q, "style_weight"), number(q, "sdp_ratio"), number(q, "noise"), number(q, "noisew"),
                number(q, "length"), q.getFirst("assist_text"), number(q, "assist_text_weight"),
                number(q, "split_interval"), bool(q, "auto_split"));
        InferencePool.Ticket ticket = pool.admit();
        Utterance u;
        try {
            u = synthesizer.prepare(r);
        } catch (RuntimeException e) {
            ticket.end();
            throw e;
        }
        return Response.ok(streams.complete(u, ticket, "voice", t0), "audio/wav").build();
    }

    private static Integer integer(MultivaluedMap<String, String> q, String name) {
        String v = q.getFirst(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(422, name, "int_parsing",
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
        throw new InvalidRequestException(422, name, "float_parsing",
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
            default -> throw new InvalidRequestException(422, name, "bool_parsing",
                    "Input should be a valid boolean, unable to interpret input");
        };
    }

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return ErrorBodies.sbv2(e);
    }

    @ServerExceptionMapper
    public Response overloaded(OverloadedException e) {
        return ErrorBodies.overloaded(e);
    }
}
