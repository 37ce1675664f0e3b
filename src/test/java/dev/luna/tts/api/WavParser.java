package dev.luna.tts.api;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Parses a mono 16-bit RIFF WAV as the service writes it and checks its format fields. */
record WavParser(int sampleRate, int channels, int bits, int riffSize, int dataSize, int pcmBytes) {

    static WavParser parse(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", new String(wav, 0, 4));
        assertEquals("WAVE", new String(wav, 8, 4));
        assertEquals("fmt ", new String(wav, 12, 4));
        assertEquals(1, b.getShort(20), "PCM format");
        assertEquals("data", new String(wav, 36, 4));
        return new WavParser(b.getInt(24), b.getShort(22), b.getShort(34), b.getInt(4), b.getInt(40), wav.length - 44);
    }
}
