package dev.luna.tts.engine.audio;

import de.sciss.jump3r.mp3.BRHist;
import de.sciss.jump3r.mp3.BitStream;
import de.sciss.jump3r.mp3.GainAnalysis;
import de.sciss.jump3r.mp3.GetAudio;
import de.sciss.jump3r.mp3.ID3Tag;
import de.sciss.jump3r.mp3.Lame;
import de.sciss.jump3r.mp3.LameGlobalFlags;
import de.sciss.jump3r.mp3.MPEGMode;
import de.sciss.jump3r.mp3.Parse;
import de.sciss.jump3r.mp3.Presets;
import de.sciss.jump3r.mp3.Quantize;
import de.sciss.jump3r.mp3.QuantizePVT;
import de.sciss.jump3r.mp3.Reservoir;
import de.sciss.jump3r.mp3.Takehiro;
import de.sciss.jump3r.mp3.VBRTag;
import de.sciss.jump3r.mp3.Version;
import de.sciss.jump3r.mpg.Common;
import de.sciss.jump3r.mpg.Interface;
import de.sciss.jump3r.mpg.MPGLib;

import java.util.Arrays;

/**
 * MP3 with jump3r, the Java port of LAME 3.98, driven through its {@code Lame} core (its
 * {@code LameEncoder} wrapper needs {@code javax.sound} and always writes a Xing/LAME tag frame
 * whose contents a stream can never go back and fill in).
 * <p>
 * CBR {@value #BITRATE_KBPS} kbit/s mono (LAME's own default bitrate), quality 5 (LAME's default
 * {@code -q 5}), no Xing/LAME tag, no ID3 tag. MP3 can only carry the MPEG sample rates; another
 * input rate is resampled to 48 kHz first, and LAME's own resampler is never used.
 * <p>
 * Length rule (no LAME tag means no gapless information): a decoder outputs whole 1152-sample
 * frames; the input's first sample is at output index {@value #DECODER_OFFSET} (LAME's encoder
 * delay of 576 plus the 529-sample delay of the MPEG synthesis filterbank), and the stream ends
 * with at least enough frames to hold every input sample after that offset.
 */
final class Mp3Encoder extends ResamplingEncoder {

    static final int BITRATE_KBPS = 128;
    /** Samples a decoder outputs before the first input sample: ENCDELAY 576 + 528 + 1. */
    static final int DECODER_OFFSET = 576 + 529;

    private final Lame lame;
    private final LameGlobalFlags gfp;
    private int[] pcm = new int[4096];
    private byte[] mp3 = new byte[8192];

    Mp3Encoder(int inRate, int outRate) {
        super(inRate, outRate);
        if (!AudioEncoders.RATES.contains(outRate)) {
            throw new IllegalArgumentException("not an MPEG audio sample rate: " + outRate);
        }
        // jump3r's modules are wired by hand as its LameEncoder does; the decoder half is needed only
        // because Lame's module list names it.
        lame = new Lame();
        GetAudio gaud = new GetAudio();
        GainAnalysis ga = new GainAnalysis();
        BitStream bs = new BitStream();
        Presets p = new Presets();
        QuantizePVT qupvt = new QuantizePVT();
        Quantize qu = new Quantize();
        VBRTag vbr = new VBRTag();
        Version ver = new Version();
        ID3Tag id3 = new ID3Tag();
        Reservoir rv = new Reservoir();
        Takehiro tak = new Takehiro();
        Parse parse = new Parse();
        new BRHist();
        MPGLib mpg = new MPGLib();
        Interface intf = new Interface();
        Common common = new Common();
        lame.setModules(ga, bs, p, qupvt, qu, vbr, ver, id3, mpg);
        bs.setModules(ga, mpg, ver, vbr);
        id3.setModules(bs, ver);
        p.setModules(lame);
        qu.setModules(bs, rv, qupvt, tak);
        qupvt.setModules(tak, rv, lame.enc.psy);
        rv.setModules(bs);
        tak.setModules(qupvt);
        vbr.setModules(lame, bs, ver);
        gaud.setModules(parse, mpg);
        parse.setModules(ver, id3, p);
        mpg.setModules(intf, common);
        intf.setModules(vbr, common);

        gfp = lame.lame_init();
        gfp.num_channels = 1;
        gfp.in_samplerate = outRate;
        gfp.out_samplerate = outRate;
        gfp.mode = MPEGMode.MONO;
        gfp.brate = BITRATE_KBPS;
        gfp.quality = 5;
        gfp.bWriteVbrTag = false;          // the tag frame would have to be rewritten at the end
        gfp.write_id3tag_automatic = false;
        gfp.findReplayGain = false;
        int rc = lame.lame_init_params(gfp);
        if (rc < 0) {
            throw new IllegalStateException("LAME rejected its parameters (" + rc + ")");
        }
    }

    @Override
    public AudioFormat format() {
        return AudioFormat.MP3;
    }


    @Override
    byte[] end(float[] last) {
        byte[] rest = code(last, 0, last.length);
        byte[] tail = new byte[16 * 1024];
        int n = lame.lame_encode_flush(gfp, tail, 0, tail.length);
        if (n < 0) {
            throw new IllegalStateException("LAME flush failed (" + n + ")");
        }
        lame.lame_close(gfp);
        byte[] out = Arrays.copyOf(rest, rest.length + n);
        System.arraycopy(tail, 0, out, rest.length, n);
        return out;
    }

    @Override
    byte[] code(float[] s, int off, int len) {
        if (len == 0) {
            return new byte[0];
        }
        if (pcm.length < len) {
            pcm = new int[len];
        }
        for (int i = 0; i < len; i++) {
            // LAME's int interface takes full-scale 32-bit samples; the same 16-bit quantization as
            // the WAV keeps the formats comparable sample for sample.
            pcm[i] = Pcm16Quantizer.quantize(s[off + i]) << 16;
        }
        int need = len + len / 4 + 7200; // LAME's documented worst case: 1.25·n + 7200
        if (mp3.length < need) {
            mp3 = new byte[need];
        }
        int n = lame.lame_encode_buffer_int(gfp, pcm, pcm, len, mp3, 0, mp3.length);
        if (n < 0) {
            throw new IllegalStateException("LAME encoding failed (" + n + ")");
        }
        return Arrays.copyOf(mp3, n);
    }
}
