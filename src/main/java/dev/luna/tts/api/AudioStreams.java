package dev.luna.tts.api;

import dev.luna.tts.engine.audio.AudioEncoder;
import dev.luna.tts.engine.audio.Pcm16;
import dev.luna.tts.engine.audio.WavHeader;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;

/**
 * Float audio → HTTP bodies: a stream in any format (the container header leaves at once, then each piece's encoded
 * frames as soon as the piece is synthesized, then the encoder's tail), or one complete WAV.
 */
final class AudioStreams {

    private AudioStreams() {
    }

    /** One encoder per response; Multi items arrive one at a time, so it is used from one thread at a time. */
    static Multi<Buffer> stream(Multi<float[]> audio, AudioEncoder encoder) {
        Multi<Buffer> header = Multi.createFrom().item(() -> Buffer.buffer(encoder.encode(new float[0])));
        Multi<Buffer> body = audio.map(a -> Buffer.buffer(encoder.encode(a)));
        Multi<Buffer> tail = Multi.createFrom().item(() -> Buffer.buffer(encoder.finish()));
        return Multi.createBy().concatenating().streams(header, body, tail).filter(b -> b.length() > 0);
    }

    static byte[] completeWav(float[] audio, int sampleRate) {
        byte[] data = Pcm16.encode(audio);
        byte[] out = new byte[44 + data.length];
        System.arraycopy(WavHeader.of(sampleRate, data.length), 0, out, 0, 44);
        System.arraycopy(data, 0, out, 44, data.length);
        return out;
    }
}
