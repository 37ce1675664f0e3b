package dev.luna.tts.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generator inputs (the SBV2 contract of model.onnx and model.latent.onnx) for batches of pieces:
 * token inputs right-padded with 0, BERT features with zeros, x_tst_lengths giving each piece's end.
 */
final class GeneratorFeeds {

    /** One piece: T phone ids, tones and languages, BERT features [1024][T], a style vector, a speaker. */
    record Piece(long[] ids, long[] tones, long[] langs, float[] bert, float[] style, long sid) {
        int length() {
            return ids.length;
        }

        static Piece random(Random rnd, int t, long sid) {
            long[] ids = new long[t];
            long[] tones = new long[t];
            long[] langs = new long[t];
            for (int i = 0; i < t; i++) {
                ids[i] = 1 + rnd.nextInt(111);
                tones[i] = 6 + rnd.nextInt(2);
                langs[i] = 1;
            }
            float[] bert = new float[1024 * t];
            for (int i = 0; i < bert.length; i++) {
                bert[i] = (float) rnd.nextGaussian() * 0.5f;
            }
            float[] style = new float[256];
            for (int i = 0; i < style.length; i++) {
                style[i] = (float) rnd.nextGaussian() * 0.3f;
            }
            return new Piece(ids, tones, langs, bert, style, sid);
        }
    }

    private GeneratorFeeds() {
    }

    /** Zero noise: the output is a function of the inputs, so batched and single runs can be compared. */
    static Map<String, OnnxTensor> of(OrtEnvironment env, List<Piece> pieces, float lengthScale, float sdpRatio)
            throws OrtException {
        int b = pieces.size();
        int t = pieces.stream().mapToInt(Piece::length).max().orElseThrow();
        long[] ids = new long[b * t];
        long[] tones = new long[b * t];
        long[] langs = new long[b * t];
        float[] bert = new float[b * 1024 * t];
        float[] style = new float[b * 256];
        long[] lengths = new long[b];
        long[] sids = new long[b];
        for (int i = 0; i < b; i++) {
            Piece p = pieces.get(i);
            int n = p.length();
            System.arraycopy(p.ids(), 0, ids, i * t, n);
            System.arraycopy(p.tones(), 0, tones, i * t, n);
            System.arraycopy(p.langs(), 0, langs, i * t, n);
            for (int c = 0; c < 1024; c++) {
                System.arraycopy(p.bert(), c * n, bert, (i * 1024 + c) * t, n);
            }
            System.arraycopy(p.style(), 0, style, i * 256, 256);
            lengths[i] = n;
            sids[i] = p.sid();
        }
        Map<String, OnnxTensor> feeds = new LinkedHashMap<>();
        try {
            feeds.put("x_tst", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {b, t}));
            feeds.put("x_tst_lengths", OnnxTensor.createTensor(env, LongBuffer.wrap(lengths), new long[] {b}));
            feeds.put("sid", OnnxTensor.createTensor(env, LongBuffer.wrap(sids), new long[] {b}));
            feeds.put("tones", OnnxTensor.createTensor(env, LongBuffer.wrap(tones), new long[] {b, t}));
            feeds.put("language", OnnxTensor.createTensor(env, LongBuffer.wrap(langs), new long[] {b, t}));
            feeds.put("bert", OnnxTensor.createTensor(env, FloatBuffer.wrap(bert), new long[] {b, 1024, t}));
            feeds.put("style_vec", OnnxTensor.createTensor(env, FloatBuffer.wrap(style), new long[] {b, 256}));
            String[] names = {"length_scale", "sdp_ratio", "noise_scale", "noise_scale_w"};
            float[] values = {lengthScale, sdpRatio, 0f, 0f};
            for (int i = 0; i < names.length; i++) {
                feeds.put(names[i], OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[] {values[i]}), new long[0]));
            }
        } catch (OrtException | RuntimeException e) {
            close(feeds);
            throw e;
        }
        return feeds;
    }

    static void close(Map<String, OnnxTensor> feeds) {
        feeds.values().forEach(OnnxTensor::close);
    }

    static float[] floats(OrtSession.Result r, String name) {
        FloatBuffer fb = ((OnnxTensor) r.get(name).orElseThrow()).getFloatBuffer();
        float[] out = new float[fb.remaining()];
        fb.get(out);
        return out;
    }

    static long[] longs(OrtSession.Result r, String name) {
        LongBuffer lb = ((OnnxTensor) r.get(name).orElseThrow()).getLongBuffer();
        long[] out = new long[lb.remaining()];
        lb.get(out);
        return out;
    }

    static long[] shape(OrtSession.Result r, String name) throws OrtException {
        return ((OnnxTensor) r.get(name).orElseThrow()).getInfo().getShape();
    }

    /** max |a[aFrom + i] - b[bFrom + i]| over n values. */
    static double maxAbsDiff(float[] a, int aFrom, float[] b, int bFrom, int n) {
        double m = 0;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, Math.abs((double) a[aFrom + i] - b[bFrom + i]));
        }
        return m;
    }
}
