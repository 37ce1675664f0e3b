package dev.luna.tts.engine.bert;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shared BERT session (contract: input_ids, attention_mask [1,L] → [L,1024] layer-22 states),
 * word2ph expansion to phones and SBV2's assist_text mixing. A graph with the {@value #BATCH_OUTPUT} output
 * ([B,L,1024], onnx-export) runs several texts padded to the longest, masked by attention_mask; other graphs
 * (SBV2's own export gives row 0 only) run one text at a time. Thread-safe.
 */
public final class BertModel implements AutoCloseable {

    public static final int DIM = 1024;
    public static final String BATCH_OUTPUT = "hidden_states";

    private final String name;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final BertTokenizer tokenizer;
    private final OrtSession.RunOptions runOptions;
    private final boolean batched;
    private final String singleOutput;
    private final boolean takesTokenTypes;

    /** @param runOptions options for every run, or null */
    public BertModel(String name, OrtEnvironment env, OrtSession session, BertTokenizer tokenizer,
                     OrtSession.RunOptions runOptions) {
        this.name = name;
        this.env = env;
        this.session = session;
        this.runOptions = runOptions;
        this.tokenizer = tokenizer;
        if (!session.getInputNames().containsAll(java.util.List.of("input_ids", "attention_mask"))) {
            throw new IllegalArgumentException("BERT model needs inputs input_ids and attention_mask, has "
                    + session.getInputNames());
        }
        batched = session.getOutputNames().contains(BATCH_OUTPUT);
        takesTokenTypes = session.getInputNames().contains("token_type_ids");
        singleOutput = session.getOutputNames().contains("output") ? "output"
                : session.getOutputNames().iterator().next();
    }

    /** Whether texts of different lengths can share a run. */
    public boolean batched() {
        return batched;
    }

    /** Hidden states [L_i][1024] of each text, in one run when the graph is {@link #batched()}. */
    public List<float[][]> features(List<String> texts) throws OrtException {
        if (!batched || texts.size() == 1) {
            List<float[][]> out = new ArrayList<>(texts.size());
            for (String t : texts) {
                out.add(features(t));
            }
            return out;
        }
        int b = texts.size();
        long[][] ids = new long[b][];
        int l = 0;
        for (int i = 0; i < b; i++) {
            ids[i] = tokenizer.encode(texts.get(i));
            l = Math.max(l, ids[i].length);
        }
        long[] flatIds = new long[b * l];
        long[] mask = new long[b * l];
        for (int i = 0; i < b; i++) {
            System.arraycopy(ids[i], 0, flatIds, i * l, ids[i].length);
            Arrays.fill(mask, i * l, i * l + ids[i].length, 1);
        }
        long[] shape = {b, l};
        try (OnnxTensor it = OnnxTensor.createTensor(env, LongBuffer.wrap(flatIds), shape);
             OnnxTensor mt = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             OnnxTensor tt = tokenTypes(shape);
             OrtSession.Result r = session.run(feeds(it, mt, tt), Set.of(BATCH_OUTPUT), runOptions)) {
            OnnxTensor out = (OnnxTensor) r.get(BATCH_OUTPUT).orElseThrow();
            long[] os = out.getInfo().getShape();
            if (os.length != 3 || os[0] != b || os[1] != l || os[2] != DIM) {
                throw new IllegalStateException("BERT " + BATCH_OUTPUT + " shape " + Arrays.toString(os) + " for "
                        + b + " x " + l + " tokens");
            }
            FloatBuffer fb = out.getFloatBuffer();
            List<float[][]> result = new ArrayList<>(b);
            for (int i = 0; i < b; i++) {
                float[][] rows = new float[ids[i].length][DIM];
                for (int k = 0; k < rows.length; k++) {
                    fb.get((i * l + k) * DIM, rows[k], 0, DIM);
                }
                result.add(rows);
            }
            return result;
        }
    }

    public String name() {
        return name;
    }

    /** Zero token_type_ids for graphs that take them (some SBV2 exports), else null. */
    private OnnxTensor tokenTypes(long[] shape) throws OrtException {
        return takesTokenTypes
                ? OnnxTensor.createTensor(env, LongBuffer.wrap(new long[(int) (shape[0] * shape[1])]), shape) : null;
    }

    private static Map<String, OnnxTensor> feeds(OnnxTensor ids, OnnxTensor mask, OnnxTensor types) {
        return types == null ? Map.of("input_ids", ids, "attention_mask", mask)
                : Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types);
    }

    /** Hidden states [L][1024] for [CLS] text [SEP]. */
    public float[][] features(String text) throws OrtException {
        long[] ids = tokenizer.encode(text);
        long[] mask = new long[ids.length];
        Arrays.fill(mask, 1);
        long[] shape = {1, ids.length};
        try (OnnxTensor i = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape);
             OnnxTensor m = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape);
             OnnxTensor tt = tokenTypes(shape);
             OrtSession.Result r = session.run(feeds(i, m, tt), Set.of(singleOutput), runOptions)) {
            Object v = r.get(0).getValue();
            float[][] f;
            if (v instanceof float[][] two) {
                f = two;
            } else if (v instanceof float[][][] three) {
                f = three[0];
            } else {
                throw new IllegalStateException("BERT output is not float [L,1024]");
            }
            if (f.length != ids.length || f[0].length != DIM) {
                throw new IllegalStateException("BERT output shape [" + f.length + "," + f[0].length
                        + "] for " + ids.length + " tokens");
            }
            return f;
        }
    }

    /**
     * Repeats row i word2ph[i] times → [1024, sum(word2ph)] row-major; with an assist text, each
     * phone row becomes row·(1−w) + mean(assist rows)·w (SBV2 bert_feature).
     */
    public static float[] expand(float[][] rows, int[] word2ph, float[] assistMean, double assistWeight) {
        if (rows.length != word2ph.length) {
            throw new IllegalArgumentException("word2ph has " + word2ph.length + " entries for " + rows.length + " tokens");
        }
        int t = Arrays.stream(word2ph).sum();
        float[] out = new float[DIM * t];
        int col = 0;
        for (int i = 0; i < rows.length; i++) {
            float[] row = rows[i];
            if (assistMean != null) {
                float[] mixed = new float[DIM];
                for (int c = 0; c < DIM; c++) {
                    mixed[c] = (float) (row[c] * (1 - assistWeight) + assistMean[c] * assistWeight);
                }
                row = mixed;
            }
            for (int k = 0; k < word2ph[i]; k++, col++) {
                for (int c = 0; c < DIM; c++) {
                    out[c * t + col] = row[c];
                }
            }
        }
        return out;
    }

    /** Mean over all rows (CLS and SEP included). */
    public static float[] mean(float[][] rows) {
        float[] m = new float[DIM];
        for (float[] r : rows) {
            for (int c = 0; c < DIM; c++) {
                m[c] += r[c];
            }
        }
        for (int c = 0; c < DIM; c++) {
            m[c] /= rows.length;
        }
        return m;
    }

    @Override
    public void close() throws OrtException {
        session.close();
        tokenizer.close();
    }
}
