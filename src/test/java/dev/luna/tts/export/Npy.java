package dev.luna.tts.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Minimal reader for the .npy files onnx-export writes: little-endian float32 or int64, C order. */
record Npy(String descr, long[] shape, ByteBuffer data) {

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    static Npy read(Path path) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        buf.get(magic);
        if (magic[0] != (byte) 0x93 || !new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new IOException(path + ": not a .npy file");
        }
        int major = buf.get();
        buf.get();
        int headerLen = major == 1 ? Short.toUnsignedInt(buf.getShort()) : buf.getInt();
        byte[] header = new byte[headerLen];
        buf.get(header);
        String h = new String(header, StandardCharsets.US_ASCII);
        if (h.contains("'fortran_order': True")) {
            throw new IOException(path + ": Fortran order not supported");
        }
        Matcher d = DESCR.matcher(h);
        Matcher s = SHAPE.matcher(h);
        if (!d.find() || !s.find()) {
            throw new IOException(path + ": bad header " + h);
        }
        long[] shape = Arrays.stream(s.group(1).split(","))
                .map(String::trim).filter(x -> !x.isEmpty()).mapToLong(Long::parseLong).toArray();
        return new Npy(d.group(1), shape, buf.slice().order(ByteOrder.LITTLE_ENDIAN));
    }

    long count() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    float[] floats() {
        if (!descr.equals("<f4")) {
            throw new IllegalStateException("not float32: " + descr);
        }
        float[] out = new float[(int) count()];
        data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    long[] longs() {
        if (!descr.equals("<i8")) {
            throw new IllegalStateException("not int64: " + descr);
        }
        long[] out = new long[(int) count()];
        data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
        return out;
    }
}
