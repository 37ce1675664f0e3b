package dev.luna.tts.text.jtalk.lattice;

import dev.luna.tts.text.jtalk.dictionary.MecabDictionary;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prints dictionary open time and single-thread tokenization speed on 50-character sentences.
 * <pre>
 * ./mvnw -q -B -ntp test-compile
 * java -cp target/classes:target/test-classes dev.luna.tts.text.jtalk.lattice.MecabBenchmark [dictionary dir] [seconds]
 * </pre>
 */
public final class MecabBenchmark {

    private static final String[] TEXT = {
        "今日はいい天気ですね。明日は雨が降るそうなので、傘を持って出かけてください。",
        "音声合成の技術は年々進歩しており、人間の声と区別がつかないほど自然になってきました。",
        "東京駅から新幹線に乗って、二時間半ほどで大阪に着きます。",
        "このシャツは3,000円ですが、セール期間中は二割引きになります。",
        "彼女は毎朝七時に起きて、コーヒーを飲みながら新聞を読むのが日課だ。",
        "吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。",
        "ＡＩを活用したサービスが、医療や教育の現場でも使われ始めています。",
        "電話番号は03-1234-5678です。お問い合わせは平日の午前9時から午後5時まで受け付けています。",
        "ｶﾀｶﾅの半角文字や、Emoji 😀 も混ざった文章を正しく処理できるでしょうか？",
        "形態素解析は、文章を意味を持つ最小の単位に分割し、それぞれの品詞を判別する処理です。",
    };

    private MecabBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/var/lib/mecab/dic/open-jtalk/naist-jdic");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;

        // The JDK's first FileChannel/mmap use costs ~100 ms of class loading on its own; in the service other
        // code has paid it already, so time it apart from the dictionary's own work.
        long tn = System.nanoTime();
        warmUpNio();
        double nioMs = (System.nanoTime() - tn) / 1e6;
        long t0 = System.nanoTime();
        MecabDictionary dictionary = MecabDictionary.open(dir);
        double firstOpenMs = (System.nanoTime() - t0) / 1e6;
        double[] reopen = new double[20];
        for (int i = 0; i < reopen.length; i++) {
            long t = System.nanoTime();
            MecabDictionary.open(dir);
            reopen[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(reopen);
        System.out.printf("JDK NIO first use (class loading, not the dictionary): %.1f ms%n", nioMs);
        System.out.printf("dictionary open: first %.1f ms (cold: our classes + 4 mmaps), then median %.2f ms over %d opens%n",
                firstOpenMs, reopen[reopen.length / 2], reopen.length);

        MecabTokenizer tokenizer = new MecabTokenizer(dictionary);
        long t1 = System.nanoTime();
        int firstCount = tokenizer.parse(Text2Mecab.convert(TEXT[0])).size();
        System.out.printf("first parse (cold, %d morphemes): %.1f ms%n", firstCount, (System.nanoTime() - t1) / 1e6);

        List<String> sentences = fiftyCharSentences();
        run(tokenizer, sentences, seconds / 2); // warm-up
        long chars = 0;
        long parsed = 0;
        long morphemes = 0;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            for (String s : sentences) {
                morphemes += tokenizer.parse(s).size();
                chars += s.length();
                parsed++;
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        System.out.printf("tokenization: %d sentences of 50 chars in %.2f s (%d morphemes)%n", parsed, elapsed, morphemes);
        System.out.printf("  %.0f chars/s, %.1f µs per 50-char sentence (single thread, after warm-up)%n",
                chars / elapsed, elapsed * 1e6 / parsed);
        System.out.printf("  thread CPU time: %.0f chars/s, %.1f µs per sentence (less sensitive to a busy machine)%n",
                chars / cpu, cpu * 1e6 / parsed);
    }

    private static void warmUpNio() throws IOException {
        Path tmp = Files.createTempFile("luna-nio", ".bin");
        try {
            Files.write(tmp, new byte[8]);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.READ)) {
                channel.map(FileChannel.MapMode.READ_ONLY, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
            }
        } finally {
            Files.delete(tmp);
        }
    }

    private static void run(MecabTokenizer tokenizer, List<String> sentences, double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline) {
            for (String s : sentences) {
                tokenizer.parse(s);
            }
        }
    }

    /** The sample text, text2mecab-converted, cut into 50-character pieces (code-point safe). */
    private static List<String> fiftyCharSentences() {
        String all = Text2Mecab.convert(String.join("", TEXT).repeat(5));
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < all.length()) {
            int end = Math.min(all.length(), i + 50);
            if (end < all.length() && Character.isLowSurrogate(all.charAt(end))) {
                end++;
            }
            if (end - i >= 50) {
                out.add(all.substring(i, end));
            }
            i = end;
        }
        return out;
    }
}
