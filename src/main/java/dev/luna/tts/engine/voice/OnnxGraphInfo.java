package dev.luna.tts.engine.voice;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What ONNX Runtime's Java API cannot tell about a graph: the shape of its initializers. Reads just enough of the
 * ONNX file (protobuf ModelProto → GraphProto → TensorProto dims and name, NodeProto op/inputs/outputs) to find the
 * speaker embedding table, skipping every tensor's data, so a 250 MB model costs a few hundred small reads.
 *
 * <p>Why: a config.json whose spk2id names a speaker id the graph lacks loads fine and fails only when that id is
 * used, in the middle of a response. The number of rows of the speaker embedding ({@code emb_g.weight}, gathered
 * by the {@code sid} input) is the number of speakers the graph has.
 */
public final class OnnxGraphInfo {

    /** ModelProto.graph, GraphProto.node/initializer, NodeProto.input/output/op_type/attribute, TensorProto dims/name. */
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int ATTRIBUTE_TENSOR = 5;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_NAME = 8;

    public static final String SPEAKER_EMBEDDING = "emb_g.weight";

    private record Node(String op, List<String> inputs, List<String> outputs, long[] constantDims) {
    }

    private final Map<String, long[]> initializerDims;
    private final List<Node> nodes;

    private OnnxGraphInfo(Map<String, long[]> initializerDims, List<Node> nodes) {
        this.initializerDims = initializerDims;
        this.nodes = nodes;
    }

    /** Reads the graph structure of an ONNX (or AIVMX) file. */
    public static OnnxGraphInfo read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Reader r = new Reader(ch);
            Map<String, long[]> dims = new HashMap<>();
            List<Node> nodes = new ArrayList<>();
            long end = ch.size();
            boolean graphSeen = false;
            while (r.position() < end) {
                long key = r.varint();
                int field = (int) (key >>> 3);
                int wire = (int) (key & 7);
                if (field == MODEL_GRAPH && wire == 2) {
                    long len = r.varint();
                    readGraph(r, r.position() + len, dims, nodes);
                    graphSeen = true;
                } else {
                    r.skip(wire);
                }
            }
            if (!graphSeen) {
                throw new IOException("no graph in the ONNX file");
            }
            return new OnnxGraphInfo(dims, nodes);
        }
    }

    /**
     * Rows of the speaker embedding table: the {@value #SPEAKER_EMBEDDING} initializer, or else the table a Gather
     * node takes by the {@code sid} input; empty when the graph has neither (then only running it can tell).
     */
    public OptionalLong speakerCount() {
        long[] d = initializerDims.get(SPEAKER_EMBEDDING);
        if (d == null) {
            for (Node n : nodes) {
                if (n.op().equals("Gather") && n.inputs().size() == 2 && n.inputs().get(1).equals("sid")) {
                    d = tableDims(n.inputs().get(0));
                    break;
                }
            }
        }
        return d != null && d.length == 2 && d[0] > 0 ? OptionalLong.of(d[0]) : OptionalLong.empty();
    }

    private long[] tableDims(String name) {
        long[] d = initializerDims.get(name);
        if (d != null) {
            return d;
        }
        for (Node n : nodes) {
            if (n.op().equals("Constant") && n.outputs().contains(name)) {
                return n.constantDims();
            }
        }
        return null;
    }

    private static void readGraph(Reader r, long end, Map<String, long[]> dims, List<Node> nodes) throws IOException {
        while (r.position() < end) {
            long key = r.varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (wire == 2 && field == GRAPH_INITIALIZER) {
                long len = r.varint();
                Tensor t = readTensor(r, r.position() + len);
                if (t.name() != null) {
                    dims.put(t.name(), t.dims());
                }
            } else if (wire == 2 && field == GRAPH_NODE) {
                long len = r.varint();
                nodes.add(readNode(r, r.position() + len));
            } else {
                r.skip(wire);
            }
        }
        r.seek(end);
    }

    private record Tensor(String name, long[] dims) {
    }

    private static Tensor readTensor(Reader r, long end) throws IOException {
        String name = null;
        List<Long> dims = new ArrayList<>();
        while (r.position() < end) {
            long key = r.varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (field == TENSOR_DIMS && wire == 0) {
                dims.add(r.varint());
            } else if (field == TENSOR_DIMS && wire == 2) {   // packed
                long len = r.varint();
                long stop = r.position() + len;
                while (r.position() < stop) {
                    dims.add(r.varint());
                }
            } else if (field == TENSOR_NAME && wire == 2) {
                name = r.string();
            } else {
                r.skip(wire);   // raw_data and the typed data fields are skipped, never read
            }
        }
        r.seek(end);
        return new Tensor(name, dims.stream().mapToLong(Long::longValue).toArray());
    }

    private static Node readNode(Reader r, long end) throws IOException {
        String op = "";
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        long[] constant = null;
        while (r.position() < end) {
            long key = r.varint();
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (wire == 2 && field == NODE_INPUT) {
                in.add(r.string());
            } else if (wire == 2 && field == NODE_OUTPUT) {
                out.add(r.string());
            } else if (wire == 2 && field == NODE_OP_TYPE) {
                op = r.string();
            } else if (wire == 2 && field == NODE_ATTRIBUTE) {
                long len = r.varint();
                long stop = r.position() + len;
                while (r.position() < stop) {
                    long k = r.varint();
                    if ((int) (k >>> 3) == ATTRIBUTE_TENSOR && (k & 7) == 2) {
                        long tlen = r.varint();
                        constant = readTensor(r, r.position() + tlen).dims();
                    } else {
                        r.skip((int) (k & 7));
                    }
                }
                r.seek(stop);
            } else {
                r.skip(wire);
            }
        }
        r.seek(end);
        return new Node(op, in, out, constant);
    }

    /** Buffered protobuf wire reading over a file channel; length-delimited payloads are skipped by seeking. */
    private static final class Reader {
        private final FileChannel ch;
        private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);
        private long bufStart;

        Reader(FileChannel ch) {
            this.ch = ch;
            buf.limit(0);
        }

        long position() {
            return bufStart + buf.position();
        }

        void seek(long pos) throws IOException {
            if (pos >= bufStart && pos <= bufStart + buf.limit()) {
                buf.position((int) (pos - bufStart));
                return;
            }
            if (pos > ch.size()) {
                throw new IOException("truncated ONNX file");
            }
            bufStart = pos;
            buf.clear().limit(0);
        }

        private int read() throws IOException {
            if (!buf.hasRemaining()) {
                bufStart += buf.limit();
                buf.clear();
                int n;
                do {
                    n = ch.read(buf, bufStart);
                } while (n == 0);
                buf.flip();
                if (n < 0) {
                    throw new IOException("truncated ONNX file");
                }
            }
            return buf.get() & 0xFF;
        }

        long varint() throws IOException {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = read();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IOException("malformed varint in ONNX file");
        }

        String string() throws IOException {
            long len = varint();
            if (len < 0 || len > 1 << 20) {
                throw new IOException("implausible name length " + len + " in ONNX file");
            }
            byte[] b = new byte[(int) len];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) read();
            }
            return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        }

        void skip(int wire) throws IOException {
            switch (wire) {
                case 0 -> varint();
                case 1 -> seek(position() + 8);
                case 2 -> {
                    long len = varint();
                    if (len < 0) {
                        throw new IOException("malformed length in ONNX file");
                    }
                    seek(position() + len);
                }
                case 5 -> seek(position() + 4);
                default -> throw new IOException("unsupported protobuf wire type " + wire + " in ONNX file");
            }
        }
    }
}
