package dev.luna.tts.api;

import dev.luna.tts.audio.WavHeader;
import dev.luna.tts.runtime.InferencePool;
import dev.luna.tts.runtime.Synthesizer;
import dev.luna.tts.runtime.Utterance;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.ByteArrayOutputStream;

/** Wraps a prepared utterance's PCM as a streamed WAV (or raw PCM), or as one complete WAV. */
@ApplicationScoped
public class AudioStreams {

    @Inject
    Synthesizer synthesizer;
    @Inject
    InferencePool pool;

    /** Header first (sizes 0xFFFFFFFF: length unknown), then each piece's PCM as soon as it is ready. */
    public Multi<Buffer> stream(Utterance u, InferencePool.Ticket ticket, boolean wav, String endpoint, long t0) {
        Multi<Buffer> body = synthesizer.pcm(u, ticket, endpoint, t0).map(Buffer::buffer);
        if (!wav) {
            return body;
        }
        return Multi.createBy().concatenating().streams(
                Multi.createFrom().item(Buffer.buffer(WavHeader.of(u.sampleRate(), WavHeader.UNKNOWN))), body);
    }

    /** The whole utterance as one WAV with exact sizes (blocks the calling worker thread). */
    public byte[] complete(Utterance u, InferencePool.Ticket ticket, String endpoint, long t0) {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        synthesizer.pcm(u, ticket, endpoint, t0).subscribe().asStream().forEach(pcm::writeBytes);
        byte[] data = pcm.toByteArray();
        byte[] out = new byte[44 + data.length];
        System.arraycopy(WavHeader.of(u.sampleRate(), data.length), 0, out, 0, 44);
        System.arraycopy(data, 0, out, 44, data.length);
        return out;
    }
}
