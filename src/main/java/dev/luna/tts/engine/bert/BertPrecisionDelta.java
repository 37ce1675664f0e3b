package dev.luna.tts.engine.bert;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.luna.tts.engine.onnx.OrtRuntime;
import dev.luna.tts.engine.onnx.OrtSettings;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Measurement tool (src/test/bench/bert-fp16-delta.sh runs it): how far a BERT folder's
 * {@code model_fp16.onnx} moves from its {@code model.onnx}.
 * <pre>
 *   features BERT_DIR TEXTS_FILE [cpu|cuda|auto]   BERT features of every line, both graphs, on one provider
 *   pcm A.pcm B.pcm                                two raw 16-bit little-endian PCM files, sample by sample
 * </pre>
 * Prints one line per text (or file pair) and a summary line with the largest absolute difference.
 */
public final class BertPrecisionDelta {

    private BertPrecisionDelta() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("features")) {
            OrtSettings.Provider p = args.length > 3 ? OrtSettings.Provider.valueOf(args[3].toUpperCase(Locale.ROOT))
                    : OrtSettings.Provider.AUTO;
            features(Path.of(args[1]), Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8), p);
        } else if (args.length == 3 && args[0].equals("pcm")) {
            pcm(Path.of(args[1]), Path.of(args[2]));
        } else {
            System.err.println("usage: features BERT_DIR TEXTS_FILE [cpu|cuda|auto] | pcm A.pcm B.pcm");
            System.exit(2);
        }
    }

    static void features(Path dir, List<String> texts, OrtSettings.Provider provider) throws IOException, OrtException {
        OrtRuntime rt = new OrtRuntime(new OrtSettings(provider, OrtSettings.LogLevel.WARNING, 0, "HEURISTIC",
                "kSameAsRequested", OptionalLong.empty(), false, OrtSession.SessionOptions.OptLevel.ALL_OPT,
                OrtSettings.ExecutionMode.AUTO, OrtSettings.ThreadSpinning.AUTO));
        String used = rt.decideProvider();
        // each BertModel owns (and closes) its session and tokenizer
        try (BertModel fp32 = new BertModel("fp32", rt.environment(),
                rt.createSession(dir.resolve("model.onnx"), OrtRuntime.SessionKind.BERT),
                new CharTokenizer(dir.resolve("tokenizer.json")), null);
             BertModel fp16 = new BertModel("fp16", rt.environment(),
                     rt.createSession(dir.resolve("model_fp16.onnx"), OrtRuntime.SessionKind.BERT),
                     new CharTokenizer(dir.resolve("tokenizer.json")), null)) {
            double worst = 0;
            double worstRel = 0;
            for (String text : texts) {
                if (text.isBlank()) {
                    continue;
                }
                float[][] a = fp32.features(text);
                float[][] b = fp16.features(text);
                double max = 0;
                double scale = 0;
                double sum = 0;
                long n = 0;
                for (int i = 0; i < a.length; i++) {
                    for (int j = 0; j < a[i].length; j++) {
                        double d = Math.abs(a[i][j] - b[i][j]);
                        max = Math.max(max, d);
                        scale = Math.max(scale, Math.abs(a[i][j]));
                        sum += d;
                        n++;
                    }
                }
                worst = Math.max(worst, max);
                worstRel = Math.max(worstRel, max / scale);
                System.out.printf(Locale.ROOT, "features %-24s tokens %3d max|d| %.3e mean|d| %.3e max|fp32| %.3f%n",
                        text.length() > 12 ? text.substring(0, 12) + "…" : text, a.length, max, sum / n, scale);
            }
            System.out.printf(Locale.ROOT, "features summary (%s, %d texts): max|d| %.3e, max|d|/max|fp32| %.3e%n",
                    used, texts.stream().filter(t -> !t.isBlank()).count(), worst, worstRel);
        }
    }

    static void pcm(Path a, Path b) throws IOException {
        short[] x = samples(a);
        short[] y = samples(b);
        int n = Math.min(x.length, y.length);
        int max = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            int d = Math.abs(x[i] - y[i]);
            max = Math.max(max, d);
            sq += (double) d * d;
        }
        System.out.printf(Locale.ROOT, "audio %s: samples %d vs %d, max|d| %d (of 32767), rms d %.2f%n",
                a.getFileName(), x.length, y.length, max, n == 0 ? 0 : Math.sqrt(sq / n));
    }

    private static short[] samples(Path p) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        short[] s = new short[bb.remaining() / 2];
        bb.asShortBuffer().get(s);
        return s;
    }
}
