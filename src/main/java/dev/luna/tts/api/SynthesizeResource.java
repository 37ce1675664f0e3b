package dev.luna.tts.api;

import dev.luna.tts.runtime.InferencePool;
import dev.luna.tts.runtime.InvalidRequestException;
import dev.luna.tts.runtime.OverloadedException;
import dev.luna.tts.runtime.SynthesisRequest;
import dev.luna.tts.runtime.Synthesizer;
import dev.luna.tts.runtime.Utterance;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * POST /synthesize: JSON in, audio/wav streamed out (chunked; one chunk per line or sentence).
 * {@code format=pcm} (body or query) sends raw 16-bit little-endian mono PCM instead.
 */
@Path("/synthesize")
public class SynthesizeResource {

    public static final String PCM_TYPE = "audio/L16";

    @Inject
    Synthesizer synthesizer;
    @Inject
    InferencePool pool;
    @Inject
    AudioStreams streams;

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({"audio/wav", PCM_TYPE})
    public RestMulti<Buffer> synthesize(SynthesizeBody b, @QueryParam("format") String formatQuery) {
        long t0 = System.nanoTime();
        if (b == null) {
            throw InvalidRequestException.invalid("text", "a JSON body with \"text\" is required");
        }
        String format = b.format() != null ? b.format() : formatQuery == null ? "wav" : formatQuery;
        if (!format.equals("wav") && !format.equals("pcm")) {
            throw InvalidRequestException.invalid("format", "format must be wav or pcm");
        }
        SynthesisRequest r = new SynthesisRequest(b.text(), b.model(), b.modelId(), b.speaker(), b.speakerId(),
                b.style(), b.styleWeight(), b.sdpRatio(), b.noise(), b.noiseW(), b.length(), b.assistText(),
                b.assistTextWeight(), b.splitInterval(), b.autoSplit());
        InferencePool.Ticket ticket = pool.admit();
        Utterance u;
        try {
            u = synthesizer.prepare(r);
        } catch (RuntimeException e) {
            ticket.end();
            throw e;
        }
        boolean wav = format.equals("wav");
        String type = wav ? "audio/wav" : PCM_TYPE + ";rate=" + u.sampleRate() + ";channels=1";
        return RestMulti.fromMultiData(streams.stream(u, ticket, wav, "synthesize", t0))
                .header("Content-Type", type)
                .header("X-Sample-Rate", Integer.toString(u.sampleRate()))
                .build();
    }

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e) {
        return ErrorBodies.flat(e);
    }

    @ServerExceptionMapper
    public Response overloaded(OverloadedException e) {
        return ErrorBodies.overloaded(e);
    }
}
