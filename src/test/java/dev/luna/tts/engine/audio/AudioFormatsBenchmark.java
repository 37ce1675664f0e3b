package dev.luna.tts.engine.audio;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per format, on speech-like audio at 44.1 kHz fed in 200 ms chunks (as the service streams a
 * sentence piece): bytes and time of the first 200 ms chunk (time to first encoded byte, encoder
 * creation included, cold = first use in this JVM and warm = median after warm-up), total bytes and
 * bitrate, and encoding cost in milliseconds of CPU time per second of audio (median of the runs).
 * Times are this thread's CPU time, which other processes on a shared machine do not inflate
 * (the encoders are single-threaded); the cold figure is wall time, class loading included.
 * <p>
 * {@code java -cp target/classes:target/test-classes:<concentus.jar>:<jump3r.jar>
 * dev.luna.tts.engine.audio.AudioFormatsBenchmark [seconds=10] [runs=7]}
 */
public final class AudioFormatsBenchmark {

    private static final int RATE = 44_100;
    private static final int CHUNK = RATE / 5;

    private AudioFormatsBenchmark() {
    }

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        float[] x = TestSignals.speechLike(RATE, seconds, 11);
        List<AudioFormat> formats = Arrays.stream(AudioFormat.values()).filter(AudioFormat::supported).toList();

        System.out.printf("%d s of audio at %d Hz in %d-sample (200 ms) chunks, %d runs, %s, %d CPUs%n",
                (int) seconds, RATE, CHUNK, runs, System.getProperty("java.vm.name") + " " + Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("%-5s %8s %12s %12s %10s %9s %14s%n",
                "fmt", "rate", "1st bytes", "TTFB cold", "TTFB CPU", "total", "CPU ms/s audio");
        for (AudioFormat f : formats) {
            long t0 = System.nanoTime();
            AudioEncoder cold = AudioEncoders.open(f, RATE, 1);
            byte[] first = cold.encode(x, 0, CHUNK);
            double coldMs = (System.nanoTime() - t0) / 1e6;

            List<Double> ttfb = new ArrayList<>();
            List<Double> cost = new ArrayList<>();
            long total = 0;
            for (int r = 0; r < runs + 2; r++) {   // two warm-up runs
                long s = MX.getCurrentThreadCpuTime();
                AudioEncoder e = AudioEncoders.open(f, RATE, 1);
                total = e.encode(x, 0, CHUNK).length;
                long firstNs = MX.getCurrentThreadCpuTime() - s;
                for (int i = CHUNK; i < x.length; i += CHUNK) {
                    total += e.encode(x, i, Math.min(CHUNK, x.length - i)).length;
                }
                total += e.finish().length;
                long ns = MX.getCurrentThreadCpuTime() - s;
                if (r >= 2) {
                    ttfb.add(firstNs / 1e6);
                    cost.add(ns / 1e6 / seconds);
                }
            }
            System.out.printf("%-5s %8d %12d %10.2f ms %7.3f ms %9d %11.2f ms  (%.0f kbit/s)%n",
                    f.id(), cold.outputSampleRate(), first.length, coldMs, median(ttfb), total, median(cost),
                    total * 8 / seconds / 1000);
        }
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
}
