package dev.luna.tts.api;

import dev.luna.tts.engine.audio.AudioEncoder;
import dev.luna.tts.engine.audio.Pcm16;
import dev.luna.tts.engine.audio.WavHeader;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * Float audio → HTTP bodies: a stream in any format (the container header leaves at once, then each piece's encoded
 * frames as soon as the piece is synthesized, then the encoder's tail), or one complete WAV.
 */
final class AudioStreams {

    private AudioStreams() {
    }

    /**
     * One encoder per response; the header is encoded at subscription and the audio's items arrive one at a time
     * after it, so the encoder is used from one thread at a time.
     * <p>
     * The audio is subscribed together with the response, not once the header has been written: a client that
     * leaves right after the header then cancels it like at any other moment, and its termination releases the
     * request (voice lease, admission). A lazily subscribed audio stream (header, then audio, concatenated) is
     * never subscribed when the cancellation comes first, and its request is never released.
     */
    static Multi<Buffer> stream(Multi<float[]> audio, AudioEncoder encoder) {
        return Multi.createFrom().<Buffer>emitter(em -> {
            em.emit(Buffer.buffer(encoder.encode(new float[0])));
            Cancellable synthesis = audio.subscribe().with(a -> em.emit(Buffer.buffer(encoder.encode(a))), em::fail,
                    () -> em.emit(Buffer.buffer(encoder.finish())).complete());
            em.onTermination(synthesis::cancel);
        }).filter(b -> b.length() > 0);
    }

    /**
     * Ends a streamed response that failed after its status line: closes the connection without the final chunk
     * (HTTP/1.1: no {@code 0\r\n\r\n}; HTTP/2: RST_STREAM), so no client can take the part for the whole.
     */
    static void abort(HttpServerResponse response) {
        if (!response.ended() && !response.closed()) {
            response.reset();
        }
    }

    static byte[] completeWav(float[] audio, int sampleRate) {
        byte[] data = Pcm16.encode(audio);
        byte[] out = new byte[44 + data.length];
        System.arraycopy(WavHeader.of(sampleRate, data.length), 0, out, 0, 44);
        System.arraycopy(data, 0, out, 44, data.length);
        return out;
    }
}
