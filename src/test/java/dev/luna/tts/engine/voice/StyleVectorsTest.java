package dev.luna.tts.engine.voice;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StyleVectorsTest {

    static byte[] npy(String descr, int rows, int cols, float... values) {
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int pad = 64 - (10 + header.length() + 1) % 64;
        header = header + " ".repeat(pad % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x93);
        out.writeBytes("NUMPY".getBytes(StandardCharsets.ISO_8859_1));
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xff);
        out.write(header.length() >> 8);
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        out.writeBytes(b.array());
        return out.toByteArray();
    }

    @Test
    void readsFloat32Table() {
        float[][] t = NpyReader.readFloat2d(npy("<f4", 2, 3, 1, 2, 3, 4, 5, 6));
        assertArrayEquals(new float[]{1, 2, 3}, t[0]);
        assertArrayEquals(new float[]{4, 5, 6}, t[1]);
    }

    @Test
    void rejectsOtherTypesAndTruncation() {
        assertThrows(IllegalArgumentException.class, () -> NpyReader.readFloat2d(npy("<f8", 1, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> NpyReader.readFloat2d(npy("<f4", 2, 3, 1, 2)));
        assertThrows(IllegalArgumentException.class, () -> NpyReader.readFloat2d(new byte[]{1, 2, 3}));
    }

    @Test
    void mixesLikeSbv2() {
        StyleVectors s = new StyleVectors(new float[][]{{1, 1}, {3, -1}});
        assertArrayEquals(new float[]{1, 1}, s.mix(0, 5.0));          // Neutral ignores the weight
        assertArrayEquals(new float[]{3, -1}, s.mix(1, 1.0));
        assertArrayEquals(new float[]{2, 0}, s.mix(1, 0.5));
        assertArrayEquals(new float[]{5, -3}, s.mix(1, 2.0));
    }
}
