package dev.luna.tts.engine.audio;

import java.util.Arrays;

/**
 * FLAC (RFC 9639), mono 16-bit, written as a stream: {@code fLaC} and a STREAMINFO block whose
 * total-sample count, frame sizes and MD5 are 0 ("unknown", allowed by §8.2 for streams), then one
 * frame per {@value #BLOCK} samples (the last one shorter) as soon as that many samples exist.
 * <p>
 * Each frame holds one subframe, whichever is smallest of CONSTANT, VERBATIM and the FIXED
 * predictors of order 0–4 (§9.2.5), whose residual is Rice-coded (4-bit parameters) with the
 * partition order and parameters that give the fewest bits. No LPC: fixed predictors are exact
 * integer arithmetic, so decoding gives back the quantized samples bit for bit.
 */
final class FlacEncoder extends ResamplingEncoder {

    /** libFLAC's default block size for 16-bit audio at these rates. */
    static final int BLOCK = 4096;
    private static final int MAX_PARTITION_ORDER = 8;
    private static final int MAX_RICE = 14; // 15 is the escape code with 4-bit parameters

    private final int[] block = new int[BLOCK];
    private int fill;
    private long frameNumber;
    private boolean headerSent;

    // scratch
    private final int[] residual = new int[BLOCK];
    private final long[][] riceBits = new long[1 << MAX_PARTITION_ORDER][MAX_RICE + 1];

    FlacEncoder(int inRate, int outRate) {
        super(inRate, outRate);
        if (outRate > 655_350) {
            throw new IllegalArgumentException("FLAC sample rate too high: " + outRate);
        }
    }

    @Override
    public AudioFormat format() {
        return AudioFormat.FLAC;
    }


    @Override
    byte[] code(float[] samples, int off, int len) {
        BitWriter w = new BitWriter(len + 64);
        header(w);
        push(samples, off, len, w);
        return w.toByteArray();
    }

    @Override
    byte[] end(float[] tail) {
        BitWriter w = new BitWriter((fill + tail.length) * 2 + 64);
        header(w);
        push(tail, 0, tail.length, w);
        if (fill > 0) {
            frame(w, fill);
            fill = 0;
        }
        return w.toByteArray();
    }

    private void push(float[] s, int off, int len, BitWriter w) {
        for (int i = 0; i < len; i++) {
            block[fill++] = Pcm16Quantizer.quantize(s[off + i]);
            if (fill == BLOCK) {
                frame(w, BLOCK);
                fill = 0;
            }
        }
    }

    private void header(BitWriter w) {
        if (headerSent) {
            return;
        }
        headerSent = true;
        w.bits(0x664C6143, 32);        // "fLaC"
        w.bits(1, 1);                  // last metadata block
        w.bits(0, 7);                  // STREAMINFO
        w.bits(34, 24);
        w.bits(BLOCK, 16);             // min block size (the last block may be shorter)
        w.bits(BLOCK, 16);             // max block size
        w.bits(0, 24);                 // min frame size: unknown
        w.bits(0, 24);                 // max frame size: unknown
        w.bits(outputSampleRate(), 20);
        w.bits(0, 3);                  // channels − 1
        w.bits(15, 5);                 // bits per sample − 1
        w.bits(0, 36);                 // total samples: unknown (streamed)
        for (int i = 0; i < 4; i++) {
            w.bits(0, 32);             // MD5: unset
        }
    }

    private void frame(BitWriter w, int n) {
        int start = w.byteLength();
        w.bits(0xFFF8, 16);            // sync, reserved 0, fixed block size
        int bsCode = blockSizeCode(n);
        w.bits(bsCode, 4);
        w.bits(sampleRateCode(outputSampleRate()), 4);
        w.bits(0, 4);                  // channel assignment: mono
        w.bits(0b100, 3);              // 16 bits per sample
        w.bits(0, 1);
        utf8(w, frameNumber++);
        if (bsCode == 0b0111) {
            w.bits(n - 1, 16);
        }
        w.bits(crc8(w.array(), start, w.byteLength()), 8);
        subframe(w, n);
        w.alignToByte();
        w.bits(crc16(w.array(), start, w.byteLength()), 16);
    }

    private void subframe(BitWriter w, int n) {
        int[] x = block;
        boolean constant = true;
        for (int i = 1; i < n && constant; i++) {
            constant = x[i] == x[0];
        }
        if (constant) {
            w.bits(0, 8);              // pad, type CONSTANT, no wasted bits
            w.bits(x[0] & 0xFFFF, 16);
            return;
        }
        long bestBits = 8 + 16L * n;   // VERBATIM
        int bestOrder = -1;
        int bestPo = 0;
        for (int order = 0; order <= 4 && order < n; order++) {
            fixedResidual(x, n, order);
            long[] choice = bestPartitioning(n, order);
            long bits = 8 + 16L * order + choice[0];
            if (bits < bestBits) {
                bestBits = bits;
                bestOrder = order;
                bestPo = (int) choice[1];
            }
        }
        if (bestOrder < 0) {
            w.bits(0b00000010, 8);     // VERBATIM
            for (int i = 0; i < n; i++) {
                w.bits(x[i] & 0xFFFF, 16);
            }
            return;
        }
        fixedResidual(x, n, bestOrder);
        w.bits(0, 1);
        w.bits(0b001000 | bestOrder, 6); // FIXED, order
        w.bits(0, 1);
        for (int i = 0; i < bestOrder; i++) {
            w.bits(x[i] & 0xFFFF, 16);
        }
        w.bits(0, 2);                  // residual coding: Rice, 4-bit parameters
        w.bits(bestPo, 4);
        int parts = 1 << bestPo;
        int per = n >> bestPo;
        for (int p = 0; p < parts; p++) {
            int from = p == 0 ? bestOrder : p * per;
            int to = (p + 1) * per;
            int k = bestRice(from, to);
            w.bits(k, 4);
            for (int i = from; i < to; i++) {
                w.rice(zigzag(residual[i]), k);
            }
        }
    }

    /** residual[i] for i ≥ order: the fixed polynomial predictors of §9.2.5.2. */
    private void fixedResidual(int[] x, int n, int order) {
        int[] r = residual;
        switch (order) {
            case 0 -> System.arraycopy(x, 0, r, 0, n);
            case 1 -> { for (int i = 1; i < n; i++) r[i] = x[i] - x[i - 1]; }
            case 2 -> { for (int i = 2; i < n; i++) r[i] = x[i] - 2 * x[i - 1] + x[i - 2]; }
            case 3 -> { for (int i = 3; i < n; i++) r[i] = x[i] - 3 * x[i - 1] + 3 * x[i - 2] - x[i - 3]; }
            case 4 -> { for (int i = 4; i < n; i++) r[i] = x[i] - 4 * x[i - 1] + 6 * x[i - 2] - 4 * x[i - 3] + x[i - 4]; }
            default -> throw new IllegalArgumentException("order " + order);
        }
    }

    /**
     * Fewest residual bits over the allowed partition orders, each partition with its best Rice
     * parameter: {bits (including the 2+4-bit residual header and 4 bits per partition), order}.
     * Exact bit counts are summed from the finest partitions up, since Σ(u » k) adds over unions.
     */
    private long[] bestPartitioning(int n, int order) {
        int maxPo = 0;
        while (maxPo < MAX_PARTITION_ORDER && (n % (1 << (maxPo + 1))) == 0 && (n >> (maxPo + 1)) > order) {
            maxPo++;
        }
        int parts = 1 << maxPo;
        int per = n >> maxPo;
        for (int p = 0; p < parts; p++) {
            long[] cost = riceBits[p];
            Arrays.fill(cost, 0);
            int from = p == 0 ? order : p * per;
            int to = (p + 1) * per;
            for (int i = from; i < to; i++) {
                long u = zigzag(residual[i]);
                for (int k = 0; k <= MAX_RICE; k++) {
                    cost[k] += (u >>> k) + 1 + k;
                }
            }
        }
        long bestBits = Long.MAX_VALUE;
        int bestPo = 0;
        for (int po = maxPo; po >= 0; po--) {
            if (po < maxPo) { // merge pairs of the finer level into this one
                int np = 1 << po;
                for (int p = 0; p < np; p++) {
                    for (int k = 0; k <= MAX_RICE; k++) {
                        riceBits[p][k] = riceBits[2 * p][k] + riceBits[2 * p + 1][k];
                    }
                }
            }
            long bits = 6;
            for (int p = 0; p < (1 << po); p++) {
                long min = Long.MAX_VALUE;
                for (long c : riceBits[p]) {
                    min = Math.min(min, c);
                }
                bits += 4 + min;
            }
            if (bits <= bestBits) {
                bestBits = bits;
                bestPo = po;
            }
        }
        return new long[]{bestBits, bestPo};
    }

    private int bestRice(int from, int to) {
        long best = Long.MAX_VALUE;
        int bestK = 0;
        for (int k = 0; k <= MAX_RICE; k++) {
            long bits = 0;
            for (int i = from; i < to; i++) {
                bits += (zigzag(residual[i]) >>> k) + 1 + k;
            }
            if (bits < best) {
                best = bits;
                bestK = k;
            }
        }
        return bestK;
    }

    private static long zigzag(int r) {
        return r >= 0 ? 2L * r : -2L * r - 1;
    }

    /** Frame number coded like UTF-8 (§9.1.5), up to 36 bits. */
    private static void utf8(BitWriter w, long v) {
        if (v < 0x80) {
            w.bits((int) v, 8);
            return;
        }
        int extra = v < 0x800 ? 1 : v < 0x10000 ? 2 : v < 0x200000 ? 3 : v < 0x4000000 ? 4 : v < 0x80000000L ? 5 : 6;
        int lead = (0xFF00 >> (extra + 1)) & 0xFF;     // 110xxxxx, 1110xxxx, ...
        w.bits(lead | (int) (v >>> (6 * extra)), 8);
        for (int i = extra - 1; i >= 0; i--) {
            w.bits(0x80 | (int) ((v >>> (6 * i)) & 0x3F), 8);
        }
    }

    private static int blockSizeCode(int n) {
        if (n == 192) {
            return 1;
        }
        for (int j = 0; j < 4; j++) {
            if (n == 576 << j) {
                return 2 + j;
            }
        }
        for (int j = 0; j < 8; j++) {
            if (n == 256 << j) {
                return 8 + j;
            }
        }
        return 0b0111; // 16-bit (n − 1) follows the frame number
    }

    private static int sampleRateCode(int rate) {
        return switch (rate) {
            case 88_200 -> 1;
            case 176_400 -> 2;
            case 192_000 -> 3;
            case 8_000 -> 4;
            case 16_000 -> 5;
            case 22_050 -> 6;
            case 24_000 -> 7;
            case 32_000 -> 8;
            case 44_100 -> 9;
            case 48_000 -> 10;
            case 96_000 -> 11;
            default -> 0; // taken from STREAMINFO
        };
    }

    private static final int[] CRC8 = new int[256];
    private static final int[] CRC16 = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int b = 0; b < 8; b++) {
                c = (c & 0x80) != 0 ? (c << 1) ^ 0x07 : c << 1;
            }
            CRC8[i] = c & 0xFF;
            int d = i << 8;
            for (int b = 0; b < 8; b++) {
                d = (d & 0x8000) != 0 ? (d << 1) ^ 0x8005 : d << 1;
            }
            CRC16[i] = d & 0xFFFF;
        }
    }

    /** CRC-8, polynomial x⁸+x²+x+1, initial 0 (frame header). */
    static int crc8(byte[] b, int from, int to) {
        int c = 0;
        for (int i = from; i < to; i++) {
            c = CRC8[(c ^ b[i]) & 0xFF];
        }
        return c;
    }

    /** CRC-16, polynomial x¹⁶+x¹⁵+x²+1, initial 0 (whole frame). */
    static int crc16(byte[] b, int from, int to) {
        int c = 0;
        for (int i = from; i < to; i++) {
            c = ((c << 8) ^ CRC16[((c >>> 8) ^ b[i]) & 0xFF]) & 0xFFFF;
        }
        return c;
    }

    /** MSB-first bit writer. */
    static final class BitWriter {
        private byte[] buf;
        private int bytes;
        private long acc;   // pending bits, right-aligned
        private int nacc;

        BitWriter(int capacity) {
            buf = new byte[Math.max(64, capacity)];
        }

        /** Writes the low {@code n} bits of {@code v} (n ≤ 32; for 36, two calls). */
        void bits(long v, int n) {
            if (n > 32) {
                bits(v >>> 32, n - 32);
                n = 32;
            }
            acc = (acc << n) | (v & ((1L << n) - 1));
            nacc += n;
            while (nacc >= 8) {
                nacc -= 8;
                putByte((int) (acc >>> nacc));
            }
            acc &= (1L << nacc) - 1;
        }

        /** Rice code of unsigned {@code u} with parameter {@code k}: u » k zeros, a one, the low k bits. */
        void rice(long u, int k) {
            long q = u >>> k;
            while (q >= 32) {
                bits(0, 32);
                q -= 32;
            }
            bits(1, (int) q + 1);
            if (k > 0) {
                bits(u & ((1L << k) - 1), k);
            }
        }

        void alignToByte() {
            if (nacc > 0) {
                bits(0, 8 - nacc);
            }
        }

        /** Bytes completed so far (call when byte-aligned to address whole bytes). */
        int byteLength() {
            return bytes;
        }

        byte[] array() {
            return buf;
        }

        private void putByte(int b) {
            if (bytes == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[bytes++] = (byte) b;
        }

        byte[] toByteArray() {
            if (nacc != 0) {
                throw new IllegalStateException("not byte-aligned");
            }
            return Arrays.copyOf(buf, bytes);
        }
    }
}
