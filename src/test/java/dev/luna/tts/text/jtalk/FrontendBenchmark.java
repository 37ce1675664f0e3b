package dev.luna.tts.text.jtalk;

import dev.luna.tts.text.jtalk.dictionary.MecabDictionary;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;

/**
 * Speed of the pure-Java OpenJTalk front end. Prints the dictionary open time, then
 * runFrontend + makeLabels time per 50-character sentence after warm-up, and characters/s.
 *
 * <pre>
 * ./mvnw -q -B -ntp test-compile
 * java -cp target/classes:target/test-classes dev.luna.tts.text.jtalk.FrontendBenchmark \
 *     [dictionary-dir] [warm-up rounds] [measured rounds]
 * </pre>
 */
public final class FrontendBenchmark {

    /** Ten everyday sentences of exactly 50 characters each (checked at start). */
    public static final List<String> SENTENCES = List.of(
            "今日は朝から雨が降っていたので、駅まで歩かずにバスに乗って会社へ向かいました。それでも少し遅れたよ。",
            "新しいプロジェクトの会議は来週の火曜日の午後三時から、本社の第二会議室で行われる予定です。皆さんへ連",
            "彼女は子供のころからピアノを習っていて、今では地元の音楽教室で先生として働いているそうだ。素敵ですね",
            "この町には古い神社がいくつもあり、毎年秋になると大勢の観光客が紅葉を見に訪れるのですよ。本当にねえ。",
            "申し訳ございませんが、ただいま電話が大変混み合っておりますので、しばらくお待ちください。恐れ入ります",
            "冷蔵庫の中に昨日買ってきた野菜が残っているから、今夜はそれを使ってカレーを作ろうと思う。楽しみだなあ",
            "図書館で借りた本の返却期限が明日までだったことを思い出して、慌てて鞄の中を探し始めた。どこだろうか。",
            "週末は家族みんなで山へハイキングに出かける予定だったけれど、天気予報によると台風が来るらしい。残念だ",
            "駅前の新しいカフェは、コーヒーがとても美味しくて店員さんも親切なので、いつも混んでいます。ぜひどうぞ",
            "明日の試験に備えて、今夜は早めに寝ようと思っていたのに、結局遅くまで勉強してしまったよ。眠いなあ本当");

    private FrontendBenchmark() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "/var/lib/mecab/dic/open-jtalk/naist-jdic");
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        List<String> sentences = SENTENCES.stream().map(s -> s.substring(0, 50)).toList();

        long t0 = System.nanoTime();
        MecabDictionary dictionary = MecabDictionary.open(dir);
        long openNs = System.nanoTime() - t0;
        OpenJTalk jtalk = new OpenJTalk(dictionary);

        long first = System.nanoTime();
        int sink = jtalk.makeLabels(jtalk.runFrontend(sentences.get(0))).size();
        long firstNs = System.nanoTime() - first;

        for (int r = 0; r < warmup; r++) {
            for (String s : sentences) {
                sink += jtalk.makeLabels(jtalk.runFrontend(s)).size();
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (String s : sentences) {
                sink += jtalk.makeLabels(jtalk.runFrontend(s)).size();
            }
        }
        long elapsed = System.nanoTime() - start;
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        long calls = (long) rounds * sentences.size();
        double perSentenceUs = elapsed / 1e3 / calls;
        double charsPerSecond = calls * 50.0 / (elapsed / 1e9);

        // the label stage alone, on precomputed features
        List<List<NjdFeature>> features = sentences.stream().map(jtalk::runFrontend).toList();
        long labelCpuStart = threads.getCurrentThreadCpuTime();
        for (int r = 0; r < rounds; r++) {
            for (List<NjdFeature> f : features) {
                sink += jtalk.makeLabels(f).size();
            }
        }
        double labelCpuUs = (threads.getCurrentThreadCpuTime() - labelCpuStart) / 1e3 / calls;

        System.out.printf("dictionary open: %.1f ms (%s)%n", openNs / 1e6, dir);
        System.out.printf("first call (cold): %.1f ms%n", firstNs / 1e6);
        System.out.printf("runFrontend+makeLabels per 50-char sentence: %.1f us (%d warm-up rounds, %d calls)%n",
                perSentenceUs, warmup * sentences.size(), calls);
        System.out.printf("  thread CPU time per sentence: %.1f us (wall time includes waiting for a core)%n",
                cpu / 1e3 / calls);
        System.out.printf("  of which makeLabels alone (CPU time): %.1f us%n", labelCpuUs);
        System.out.printf("throughput: %.0f chars/s (wall), %.0f chars/s (CPU)%n", charsPerSecond,
                calls * 50.0 / (cpu / 1e9));
        System.out.println("(checksum " + sink + ")");
    }
}
