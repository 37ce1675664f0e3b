package dev.luna.tts.api.voicevox;

import dev.luna.tts.engine.audio.Pcm16;
import dev.luna.tts.engine.audio.Resampler;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The AudioQuery's output settings on synthesized audio, in VOICEVOX's order: silence before and after
 * ({@code pre/postPhonemeLength / speedScale} seconds, as AivisSpeech counts them), × volumeScale, resampling to
 * outputSamplingRate, stereo by duplicating the channel; then one complete 16-bit WAV.
 */
final class QueryAudio {

    private QueryAudio() {
    }

    static float[] withSilence(float[] audio, int rate, double pre, double post, double speedScale) {
        int before = (int) (rate * pre / speedScale);
        int after = (int) (rate * post / speedScale);
        float[] out = new float[before + audio.length + after];
        System.arraycopy(audio, 0, out, before, audio.length);
        return out;
    }

    static byte[] wav(float[] audio, int rate, double volume, int outRate, boolean stereo) {
        float[] x = audio;
        if (volume != 1.0) {
            x = new float[audio.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (audio[i] * volume);
            }
        }
        if (outRate != rate) {
            x = Resampler.resample(x, rate, outRate);
        }
        byte[] mono = Pcm16.encode(x);
        int channels = stereo ? 2 : 1;
        int dataBytes = mono.length * channels;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + dataBytes)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) channels).putInt(outRate).putInt(outRate * 2 * channels)
                .putShort((short) (2 * channels)).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(dataBytes);
        if (stereo) {
            for (int i = 0; i < mono.length; i += 2) {
                b.put(mono[i]).put(mono[i + 1]).put(mono[i]).put(mono[i + 1]);
            }
        } else {
            b.put(mono);
        }
        return b.array();
    }
}
