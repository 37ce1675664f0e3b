package dev.luna.tts.engine.audio;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Ogg Opus (RFC 7845) with Concentus, the pure-Java port of libopus. Input is resampled to 48 kHz
 * (Opus's native rate; granule positions always count 48 kHz samples) and coded in 20 ms packets.
 * <p>
 * Stream layout: page 0 is the OpusHead packet alone (BOS), page 1 OpusTags, then audio pages. Each
 * {@link #encode} call puts the packets it completed on one page (or more, past 255 lacing values)
 * and returns it, so audio leaves after at most one packet's worth of buffering. The pre-skip is the
 * encoder's look-ahead ({@code getLookahead()}, 312 samples at 48 kHz), as opusenc writes it;
 * {@link #finish()} codes enough silence to push the last real sample through that delay and sets
 * the final page's granule position to pre-skip + the real sample count, so decoders trim the
 * padding (RFC 7845 §4.4) and give back exactly the input's length.
 */
final class OggOpusEncoder extends ResamplingEncoder {

    static final int FRAME = 960;                // 20 ms at 48 kHz
    private static final int MAX_PACKET = 1275;  // RFC 6716 §3.4
    /** Serial number of the logical stream; one stream per file, so any constant is valid. */
    private static final int SERIAL = 0x4C554E41;

    private final int inRate;
    private final OpusEncoder opus;
    private final int preSkip;
    private final short[] frame = new short[FRAME];
    private final byte[] packet = new byte[MAX_PACKET];
    private int fill;
    private long samples48;   // real samples at 48 kHz received
    private long coded;       // samples at 48 kHz coded into packets (real and padding)
    private int pageSeq;
    private boolean headersSent;
    private final List<byte[]> pending = new ArrayList<>();

    OggOpusEncoder(int inRate) {
        super(inRate, AudioFormat.OPUS_RATE);
        this.inRate = inRate;
        try {
            this.opus = new OpusEncoder(AudioFormat.OPUS_RATE, 1, OpusApplication.OPUS_APPLICATION_AUDIO);
        } catch (OpusException e) {
            throw new IllegalStateException("Opus encoder: " + e.getMessage(), e);
        }
        this.preSkip = opus.getLookahead();
    }

    @Override
    public AudioFormat format() {
        return AudioFormat.OPUS;
    }

    int preSkip() {
        return preSkip;
    }

    @Override
    byte[] code(float[] samples, int off, int len) {
        ByteSink out = new ByteSink(len / 4 + 256);
        headers(out);
        push(samples, off, len);
        flushPages(out, false, 0);
        return out.toByteArray();
    }

    @Override
    byte[] end(float[] tail) {
        ByteSink out = new ByteSink(1024);
        headers(out);
        push(tail, 0, tail.length);
        // Code silence until every real sample has come out of the encoder's look-ahead.
        long end = preSkip + samples48;
        while (coded < end) {
            while (fill < FRAME) {
                frame[fill++] = 0;
            }
            codeFrame();
        }
        flushPages(out, true, end);
        return out.toByteArray();
    }

    private void push(float[] s, int off, int len) {
        samples48 += len;
        for (int i = 0; i < len; i++) {
            frame[fill++] = Pcm16Quantizer.quantize(s[off + i]);
            if (fill == FRAME) {
                codeFrame();
            }
        }
    }

    private void codeFrame() {
        int n;
        try {
            n = opus.encode(frame, 0, FRAME, packet, 0, MAX_PACKET);
        } catch (OpusException e) {
            throw new IllegalStateException("Opus encoding failed: " + e.getMessage(), e);
        }
        byte[] p = new byte[n];
        System.arraycopy(packet, 0, p, 0, n);
        pending.add(p);
        coded += FRAME;
        fill = 0;
    }

    private void headers(ByteSink out) {
        if (headersSent) {
            return;
        }
        headersSent = true;
        ByteSink head = new ByteSink(19);
        head.ascii("OpusHead");
        head.put(1);                 // version
        head.put(1);                 // channels
        head.le16(preSkip);
        head.le32(inRate);           // input sample rate (informational)
        head.le16(0);                // output gain
        head.put(0);                 // channel mapping family 0: mono/stereo
        page(out, List.of(head.toByteArray()), 0, 0x02);
        byte[] vendor = "luna-tts (Concentus)".getBytes(StandardCharsets.UTF_8);
        ByteSink tags = new ByteSink(32);
        tags.ascii("OpusTags");
        tags.le32(vendor.length);
        tags.put(vendor);
        tags.le32(0);                // no user comments
        page(out, List.of(tags.toByteArray()), 0, 0);
    }

    /** Writes the pending packets as pages; the last page of the stream carries EOS and {@code endGranule}. */
    private void flushPages(ByteSink out, boolean eos, long endGranule) {
        long granule = coded - sumFrames(pending.size());
        int i = 0;
        while (i < pending.size()) {
            int segs = 0;
            int j = i;
            while (j < pending.size() && segs + pending.get(j).length / 255 + 1 <= 255) {
                segs += pending.get(j).length / 255 + 1;
                j++;
            }
            granule += sumFrames(j - i);
            boolean last = j == pending.size();
            page(out, pending.subList(i, j), eos && last ? endGranule : granule, eos && last ? 0x04 : 0);
            i = j;
        }
        pending.clear();
    }

    private static long sumFrames(int packets) {
        return (long) packets * FRAME;
    }

    private void page(ByteSink out, List<byte[]> packets, long granule, int flags) {
        int start = out.size();
        out.ascii("OggS");
        out.put(0);                  // version
        out.put(flags);
        out.le64(granule);
        out.le32(SERIAL);
        out.le32(pageSeq++);
        out.le32(0);                 // CRC, filled below
        int segs = 0;
        for (byte[] p : packets) {
            segs += p.length / 255 + 1;
        }
        out.put(segs);
        for (byte[] p : packets) {
            for (int k = 0; k < p.length / 255; k++) {
                out.put(255);
            }
            out.put(p.length % 255); // a packet ends on a lacing value below 255 (0 after a multiple of 255)
        }
        for (byte[] p : packets) {
            out.put(p);
        }
        int crc = OggCrc.of(out.array(), start, out.size());
        byte[] a = out.array();
        a[start + 22] = (byte) crc;
        a[start + 23] = (byte) (crc >>> 8);
        a[start + 24] = (byte) (crc >>> 16);
        a[start + 25] = (byte) (crc >>> 24);
    }

    /** Ogg's CRC-32: polynomial 0x04C11DB7, MSB first, initial 0, no final XOR. */
    static final class OggCrc {
        private static final int[] TABLE = new int[256];

        static {
            for (int i = 0; i < 256; i++) {
                int c = i << 24;
                for (int b = 0; b < 8; b++) {
                    c = (c & 0x80000000) != 0 ? (c << 1) ^ 0x04C11DB7 : c << 1;
                }
                TABLE[i] = c;
            }
        }

        private OggCrc() {
        }

        static int of(byte[] b, int from, int to) {
            int c = 0;
            for (int i = from; i < to; i++) {
                c = (c << 8) ^ TABLE[((c >>> 24) ^ b[i]) & 0xFF];
            }
            return c;
        }
    }
}
