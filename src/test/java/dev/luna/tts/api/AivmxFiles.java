package dev.luna.tts.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Makes an AIVMX-style file: an ONNX model with extra metadata_props (ModelProto field 14) appended. */
public final class AivmxFiles {

    private AivmxFiles() {
    }

    public static byte[] withMetadata(byte[] onnx, Map<String, String> props) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(onnx);
        props.forEach((k, v) -> {
            ByteArrayOutputStream entry = new ByteArrayOutputStream();
            field(entry, 1, k.getBytes(StandardCharsets.UTF_8));
            field(entry, 2, v.getBytes(StandardCharsets.UTF_8));
            field(out, 14, entry.toByteArray());
        });
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, int number, byte[] bytes) {
        varint(out, (number << 3) | 2);
        varint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
