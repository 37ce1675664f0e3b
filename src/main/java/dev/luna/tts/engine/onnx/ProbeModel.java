package dev.luna.tts.engine.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A one-node ONNX model ({@code y = x + x}, float[1]) written as protobuf bytes, used to find out
 * whether an execution provider really works before any real model is loaded: creating and
 * running it on CUDA needs the provider library, the CUDA/cuDNN libraries, a device and kernels
 * built for that device.
 */
final class ProbeModel {

    static final String INPUT = "x";
    static final String OUTPUT = "y";
    private static final int FLOAT = 1;

    private ProbeModel() {
    }

    static byte[] bytes() {
        Proto node = new Proto().string(1, INPUT).string(1, INPUT).string(2, OUTPUT).string(3, "probe").string(4, "Add");
        Proto graph = new Proto().message(1, node).string(2, "luna-probe")
                .message(11, valueInfo(INPUT)).message(12, valueInfo(OUTPUT));
        Proto opset = new Proto().string(1, "").varint(2, 13);
        return new Proto().varint(1, 8).string(2, "luna-tts").message(7, graph).message(8, opset).toBytes();
    }

    private static Proto valueInfo(String name) {
        Proto dim = new Proto().varint(1, 1);
        Proto shape = new Proto().message(1, dim);
        Proto tensor = new Proto().varint(1, FLOAT).message(2, shape);
        return new Proto().string(1, name).message(2, new Proto().message(1, tensor));
    }

    /** Just enough of the protobuf wire format: varints and length-delimited fields. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            key(field, 0);
            raw(value);
            return this;
        }

        Proto string(int field, String s) {
            return bytes(field, s.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto m) {
            return bytes(field, m.toBytes());
        }

        private Proto bytes(int field, byte[] b) {
            key(field, 2);
            raw(b.length);
            out.writeBytes(b);
            return this;
        }

        private void key(int field, int wireType) {
            raw(((long) field << 3) | wireType);
        }

        private void raw(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }

        byte[] toBytes() {
            return out.toByteArray();
        }
    }
}
