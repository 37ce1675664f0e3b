package dev.luna.tts.engine.voice;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads NumPy .npy arrays (format 1.0/2.0/3.0, C order, little-endian), e.g. SBV2's style_vectors.npy. */
public final class NpyReader {

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern ITEM_SIZE = Pattern.compile("(\\d+)$");

    /** One array: its dtype string, its shape, and the raw little-endian data. */
    public record NpyArray(String descr, long[] shape, ByteBuffer data) {

        public long count() {
            return Arrays.stream(shape).reduce(1, Math::multiplyExact);
        }

        public float[] floats() {
            requireDescr("f4");
            float[] out = new float[Math.toIntExact(count())];
            data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        }

        public long[] longs() {
            requireDescr("i8");
            long[] out = new long[Math.toIntExact(count())];
            data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
            return out;
        }

        private void requireDescr(String type) {
            if (!descr.equals("<" + type) && !descr.equals("|" + type) && !descr.equals("=" + type)) {
                throw new IllegalArgumentException("expected " + type + ", got " + descr);
            }
        }
    }

    private NpyReader() {
    }

    public static NpyArray read(byte[] bytes) {
        if (bytes.length < 10 || bytes[0] != (byte) 0x93 || !new String(bytes, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")) {
            throw new IllegalArgumentException("not a .npy file");
        }
        int major = bytes[6] & 0xff;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen = major == 1 ? b.getShort(8) & 0xffff : b.getInt(8);
        int offset = major == 1 ? 10 : 12;
        if (headerLen < 0 || offset + headerLen > bytes.length) {
            throw new IllegalArgumentException("truncated .npy header");
        }
        String header = new String(bytes, offset, headerLen, StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, "descr");
        if (group(FORTRAN, header, "fortran_order").equals("True")) {
            throw new IllegalArgumentException("fortran_order arrays are not supported");
        }
        long[] shape = Arrays.stream(group(SHAPE, header, "shape").split(","))
                .map(String::strip).filter(d -> !d.isEmpty()).mapToLong(Long::parseLong).toArray();
        ByteBuffer data = ByteBuffer.wrap(bytes, offset + headerLen, bytes.length - offset - headerLen)
                .slice().order(ByteOrder.LITTLE_ENDIAN);
        NpyArray array = new NpyArray(descr, shape, data);
        Matcher item = ITEM_SIZE.matcher(descr);
        if (item.find() && array.count() * Long.parseLong(item.group(1)) > data.remaining()) {
            throw new IllegalArgumentException("truncated .npy: shape " + Arrays.toString(shape));
        }
        return array;
    }

    /** A 1-D or 2-D float32 array as rows (1-D → one row). */
    public static float[][] readFloat2d(byte[] bytes) {
        NpyArray a = read(bytes);
        if (a.shape().length < 1 || a.shape().length > 2) {
            throw new IllegalArgumentException("expected a 1-D or 2-D array, got shape " + Arrays.toString(a.shape()));
        }
        int rows = a.shape().length == 2 ? Math.toIntExact(a.shape()[0]) : 1;
        int cols = Math.toIntExact(a.shape()[a.shape().length - 1]);
        float[] flat;
        try {
            flat = a.floats();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("style vectors must be float32, got " + a.descr());
        }
        float[][] out = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, out[r], 0, cols);
        }
        return out;
    }

    private static String group(Pattern p, String header, String what) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IllegalArgumentException(".npy header has no " + what + ": " + header.strip());
        }
        return m.group(1);
    }
}
