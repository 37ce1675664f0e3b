package dev.luna.tts.api;

import dev.luna.tts.engine.audio.AudioEncoder;
import dev.luna.tts.engine.audio.AudioEncoders;
import dev.luna.tts.engine.audio.AudioFormat;
import dev.luna.tts.service.SynthesisService;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.buffer.Buffer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestMulti;

/**
 * POST /synthesize: JSON in, audio streamed out (chunked; each line or sentence's frames as soon as it is
 * synthesized). {@code format} (body or query): wav (default), pcm (raw 16-bit little-endian mono), flac, opus
 * (Ogg), mp3; {@code sample_rate} resamples.
 */
@Path("/synthesize")
public class SynthesizeResource {

    private final SynthesisService synthesis;

    public SynthesizeResource(SynthesisService synthesis) {
        this.synthesis = synthesis;
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces("audio/wav")   // the Content-Type header below names the format actually sent
    public RestMulti<Buffer> synthesize(SynthesizeBody body, @QueryParam("format") String formatQuery,
                                        @QueryParam("sample_rate") Integer rateQuery) {
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
        return RestMulti.fromMultiData(AudioStreams.stream(synthesis.stream(a), encoder))
                .header("Content-Type", encoder.contentType())
                .header("X-Sample-Rate", Integer.toString(encoder.outputSampleRate()))
                .header("X-Request-Id", a.requestId())
                .build();
    }
}
