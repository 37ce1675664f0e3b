package dev.luna.tts.engine.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** 44-byte RIFF/WAVE header for mono 16-bit PCM. */
public final class WavHeader {

    /** Size fields of a stream whose length is unknown when the header is sent. */
    public static final int UNKNOWN = 0xFFFFFFFF;

    private WavHeader() {
    }

    /** Header for {@code dataBytes} of PCM; pass {@link #UNKNOWN} for a stream (RIFF and data sizes 0xFFFFFFFF). */
    public static byte[] of(int sampleRate, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{'R', 'I', 'F', 'F'});
        b.putInt(dataBytes == UNKNOWN ? UNKNOWN : 36 + dataBytes);
        b.put(new byte[]{'W', 'A', 'V', 'E', 'f', 'm', 't', ' '});
        b.putInt(16);            // fmt chunk size
        b.putShort((short) 1);   // PCM
        b.putShort((short) 1);   // mono
        b.putInt(sampleRate);
        b.putInt(sampleRate * 2); // byte rate
        b.putShort((short) 2);   // block align
        b.putShort((short) 16);  // bits per sample
        b.put(new byte[]{'d', 'a', 't', 'a'});
        b.putInt(dataBytes);
        return b.array();
    }
}
