package dev.luna.tts.engine.voice;

/** A voice's style table (row 0 = Neutral = mean) and SBV2's mixing rule. */
public record StyleVectors(float[][] rows) {

    public StyleVectors {
        if (rows.length == 0) {
            throw new IllegalArgumentException("style vector table is empty");
        }
    }

    public int count() {
        return rows.length;
    }

    public int dimension() {
        return rows[0].length;
    }

    /** v = mean + (S[id] − mean)·weight, mean = S[0]; id 0 ignores the weight (SBV2 get_style_vector). */
    public float[] mix(int styleId, double weight) {
        float[] mean = rows[0];
        if (styleId == 0) {
            return mean.clone();
        }
        float[] s = rows[styleId];
        float[] v = new float[mean.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (mean[i] + (s[i] - mean[i]) * weight);
        }
        return v;
    }
}
