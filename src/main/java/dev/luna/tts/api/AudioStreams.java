package dev.luna.tts.api;

import dev.luna.tts.engine.audio.AudioEncoder;
import dev.luna.tts.engine.audio.Pcm16;
import dev.luna.tts.engine.audio.WavHeader;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerResponse;
import org.jboss.logging.Logger;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Float audio → HTTP bodies: a stream in any format (the container header leaves at once, then each piece's encoded
 * frames as soon as the piece is synthesized, then the encoder's tail), or one complete WAV.
 */
final class AudioStreams {

    private static final Logger LOG = Logger.getLogger(AudioStreams.class);

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
    static Multi<Buffer> stream(Multi<float[]> audio, AudioEncoder encoder, BooleanSupplier connectionClosed) {
        return Multi.createFrom().<Buffer>emitter(em -> {
            em.emit(encoded(() -> encoder.encode(new float[0])));
            Cancellable synthesis = audio.subscribe().with(a -> em.emit(encoded(() -> encoder.encode(a))), em::fail,
                    () -> em.emit(encoded(encoder::finish)).complete());
            em.onTermination(synthesis::cancel);
            if (connectionClosed.getAsBoolean()) {
                // closed between the resource's requireOpen and this subscription: its close event is gone, and the
                // first failed write would stop it only after a first piece was synthesized for nobody
                synthesis.cancel();
                em.complete();
            }
        }).filter(b -> b.length() > 0);
    }

    /** An encoder failure is a bug: logged here, since the stream's failure itself reaches nobody who logs it. */
    private static Buffer encoded(Supplier<byte[]> encoding) {
        try {
            return Buffer.buffer(encoding.get());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Encoding a streamed response failed; the response is cut");
            throw e;
        }
    }

    /**
     * The last step of a resource that returns a stream: Quarkus REST does not start the response of a connection
     * that closed while the resource method ran (it never subscribes to it), so the request is released here and
     * the method ends as a closed connection (no answer, no error logged).
     */
    static void requireOpen(HttpServerResponse response, Runnable release) {
        if (response.closed()) {
            release.run();
            throw new HttpClosedException("the client closed the connection before the response started");
        }
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
