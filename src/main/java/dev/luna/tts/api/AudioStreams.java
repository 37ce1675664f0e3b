package dev.luna.tts.api;

import dev.luna.tts.engine.audio.Pcm16;
import dev.luna.tts.engine.audio.WavHeader;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Float audio → HTTP bodies: a streamed WAV (header with unknown sizes first), raw PCM, or one complete WAV. */
final class AudioStreams {

    private AudioStreams() {
    }

    static Multi<Buffer> stream(Multi<float[]> audio, int sampleRate, boolean wav) {
        Multi<Buffer> body = audio.map(a -> Buffer.buffer(Pcm16.encode(a)));
        if (!wav) {
            return body;
        }
        return Multi.createBy().concatenating().streams(
                Multi.createFrom().item(Buffer.buffer(WavHeader.of(sampleRate, WavHeader.UNKNOWN))), body);
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
