package dev.luna.tts.engine.bert;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExpandTest {

    static float[][] rows(float... firstColumn) {
        float[][] r = new float[firstColumn.length][BertModel.DIM];
        for (int i = 0; i < r.length; i++) {
            r[i][0] = firstColumn[i];
            r[i][1023] = -firstColumn[i];
        }
        return r;
    }

    @Test
    void repeatsRowsByWord2ph() {
        float[] out = BertModel.expand(rows(1, 2, 3), new int[]{3, 2, 1}, null, 1.0);
        int t = 6;
        assertEquals(BertModel.DIM * t, out.length);
        float[] expected = {1, 1, 1, 2, 2, 3};
        for (int col = 0; col < t; col++) {
            assertEquals(expected[col], out[col]);                  // channel 0
            assertEquals(-expected[col], out[1023 * t + col]);      // channel 1023
        }
    }

    @Test
    void assistMixing() {
        float[][] assist = rows(10, 20);
        float[] mean = BertModel.mean(assist);
        assertEquals(15f, mean[0]);
        float[] out = BertModel.expand(rows(1, 2), new int[]{1, 1}, mean, 0.5);
        assertEquals(8f, out[0]);     // 1·0.5 + 15·0.5
        assertEquals(8.5f, out[1]);
    }

    @Test
    void mismatchIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> BertModel.expand(rows(1, 2), new int[]{1}, null, 1));
    }
}
