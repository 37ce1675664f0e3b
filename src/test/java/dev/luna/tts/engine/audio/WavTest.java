package dev.luna.tts.engine.audio;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class WavTest {

    @Test
    void headerHasExactSizes() {
        ByteBuffer b = ByteBuffer.wrap(WavHeader.of(44100, 1000)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", new String(b.array(), 0, 4));
        assertEquals(1036, b.getInt(4));
        assertEquals("WAVEfmt ", new String(b.array(), 8, 8));
        assertEquals(16, b.getInt(16));
        assertEquals(1, b.getShort(20));
        assertEquals(1, b.getShort(22));
        assertEquals(44100, b.getInt(24));
        assertEquals(88200, b.getInt(28));
        assertEquals(2, b.getShort(32));
        assertEquals(16, b.getShort(34));
        assertEquals("data", new String(b.array(), 36, 4));
        assertEquals(1000, b.getInt(40));
    }

    @Test
    void streamingHeaderUsesMaxSizes() {
        ByteBuffer b = ByteBuffer.wrap(WavHeader.of(22050, WavHeader.UNKNOWN)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xFFFFFFFF, b.getInt(4));
        assertEquals(0xFFFFFFFF, b.getInt(40));
        assertEquals(22050, b.getInt(24));
    }

    @Test
    void pcmIsFixedScaleClippedLittleEndian() {
        byte[] pcm = Pcm16.encode(new float[]{0f, 1f, -1f, 0.5f, 2f, -3f, Float.NaN});
        assertArrayEquals(new byte[]{0, 0, (byte) 0xFF, 0x7F, 0x01, (byte) 0x80, 0x00, 0x40, (byte) 0xFF, 0x7F,
                0x01, (byte) 0x80, 0, 0}, pcm);
    }

    @Test
    void silenceLength() {
        assertEquals(44100, Pcm16.silence(0.5, 44100).length);
        assertEquals(0, Pcm16.silence(0, 44100).length);
    }
}
