package dev.luna.tts.engine.bert;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Appends a graph input to a serialized ONNX ModelProto, so a test can make the "same graph" with
 * the extra token_type_ids input some BERT exports declare (unused by DeBERTa-v2: type_vocab_size 0).
 * Protobuf facts: ModelProto.graph = field 7, GraphProto.input = field 11 (ValueInfoProto: name 1,
 * type 2; TypeProto.tensor_type 1; Tensor: elem_type 1, shape 2; TensorShapeProto.dim 1;
 * Dimension.dim_param 2); INT64 = 7.
 */
final class OnnxGraphInputs {

    private OnnxGraphInputs() {
    }

    static byte[] withInt64Input(byte[] model, String name, String... dimParams) {
        ByteArrayOutputStream shape = new ByteArrayOutputStream();
        for (String d : dimParams) {
            field(shape, 1, field(2, d.getBytes(StandardCharsets.UTF_8)));
        }
        ByteArrayOutputStream tensor = new ByteArrayOutputStream();
        varintField(tensor, 1, 7);
        field(tensor, 2, shape.toByteArray());
        byte[] type = field(1, tensor.toByteArray());
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        field(info, 1, name.getBytes(StandardCharsets.UTF_8));
        field(info, 2, type);
        byte[] input = field(11, info.toByteArray());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] pos = {0};
        boolean found = false;
        while (pos[0] < model.length) {
            int start = pos[0];
            long key = varint(model, pos);
            int fieldNo = (int) (key >>> 3);
            int wire = (int) (key & 7);
            switch (wire) {
                case 0 -> varint(model, pos);
                case 1 -> pos[0] += 8;
                case 5 -> pos[0] += 4;
                case 2 -> {
                    int len = (int) varint(model, pos);
                    if (fieldNo == 7) {
                        byte[] graph = new byte[len + input.length];
                        System.arraycopy(model, pos[0], graph, 0, len);
                        System.arraycopy(input, 0, graph, len, input.length);
                        field(out, 7, graph);
                        pos[0] += len;
                        found = true;
                        continue;
                    }
                    pos[0] += len;
                }
                default -> throw new IllegalArgumentException("wire type " + wire);
            }
            out.write(model, start, pos[0] - start);
        }
        if (!found) {
            throw new IllegalArgumentException("no graph in model");
        }
        return out.toByteArray();
    }

    private static long varint(byte[] b, int[] pos) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            byte x = b[pos[0]++];
            v |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static void varintField(ByteArrayOutputStream out, int field, long v) {
        writeVarint(out, (long) field << 3);
        writeVarint(out, v);
    }

    private static void field(ByteArrayOutputStream out, int field, byte[] bytes) {
        writeVarint(out, ((long) field << 3) | 2);
        writeVarint(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static byte[] field(int field, byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, field, bytes);
        return out.toByteArray();
    }
}
