import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The time to draw one full-size piece's flow noise (192 channels × 512 frames of standard normal numbers) with the
 * generators SplitGenerator could use; best of 20 after warm-up.   java src/test/bench/GaussianCost.java
 */
public class GaussianCost {
    public static void main(String[] a) {
        float[] x = new float[192 * 512];
        time("ThreadLocalRandom", ThreadLocalRandom.current(), x);
        for (String name : new String[]{"Xoroshiro128PlusPlus", "L64X128MixRandom"}) {
            time(name, RandomGeneratorFactory.of(name).create(1), x);
        }
    }

    static void time(String name, RandomGenerator g, float[] x) {
        double best = Double.MAX_VALUE;
        for (int r = 0; r < 25; r++) {
            long t = System.nanoTime();
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) g.nextGaussian();
            }
            if (r >= 5) {
                best = Math.min(best, (System.nanoTime() - t) / 1e6);
            }
        }
        System.out.printf("%-22s %.2f ms for %,d Gaussians%n", name, best, x.length);
    }
}
