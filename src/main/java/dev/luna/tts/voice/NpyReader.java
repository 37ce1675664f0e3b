package dev.luna.tts.voice;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a 2-D float32 NumPy .npy array (format 1.0/2.0/3.0, C order), as SBV2's style_vectors.npy. */
public final class NpyReader {

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {
    }

    public static float[][] readFloat2d(byte[] bytes) {
        if (bytes.length < 10 || bytes[0] != (byte) 0x93 || !new String(bytes, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")) {
            throw new IllegalArgumentException("not a .npy file");
        }
        int major = bytes[6] & 0xff;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int offset;
        if (major == 1) {
            headerLen = b.getShort(8) & 0xffff;
            offset = 10;
        } else {
            headerLen = b.getInt(8);
            offset = 12;
        }
        String header = new String(bytes, offset, headerLen, StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, "descr");
        if (!descr.equals("<f4") && !descr.equals("|f4") && !descr.equals("=f4")) {
            throw new IllegalArgumentException("style vectors must be float32, got " + descr);
        }
        if (group(FORTRAN, header, "fortran_order").equals("True")) {
            throw new IllegalArgumentException("fortran_order arrays are not supported");
        }
        String[] dims = group(SHAPE, header, "shape").split(",");
        int rows;
        int cols;
        if (dims.length >= 2 && !dims[1].isBlank()) {
            rows = Integer.parseInt(dims[0].strip());
            cols = Integer.parseInt(dims[1].strip());
        } else {
            rows = 1;
            cols = Integer.parseInt(dims[0].strip());
        }
        int data = offset + headerLen;
        if ((long) rows * cols * 4 > bytes.length - data) {
            throw new IllegalArgumentException("truncated .npy: shape (" + rows + ", " + cols + ")");
        }
        b.position(data);
        float[][] out = new float[rows][cols];
        for (float[] row : out) {
            b.asFloatBuffer().get(row);
            b.position(b.position() + cols * 4);
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
