package dev.luna.tts.text.userdict;

import dev.luna.tts.text.Sbv2TextFrontend;
import dev.luna.tts.text.jtalk.FrontendBenchmark;
import dev.luna.tts.text.jtalk.OpenJTalk;
import dev.luna.tts.text.jtalk.dictionary.MecabDictionary;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Cost of per-request words (thread CPU time): SBV2 g2p of a 50-character sentence with no user words, with 100 request words
 * (building their lexicon included, once per request), and building the lexicon alone; plus compiling a
 * global dictionary of 10,000 words (what every store change costs).
 *
 * <pre>
 * ./mvnw -q -B -ntp test-compile
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.luna.tts.text.userdict.UserWordsBenchmark \
 *     [dictionary-dir] [warm-up rounds] [measured rounds]
 * </pre>
 * ({@code ./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt} writes cp.txt: Jackson reads JSON.)
 */
public final class UserWordsBenchmark {

    private UserWordsBenchmark() {
    }

    /** 100 words: 10 that occur in the sentences (two characters each), 90 made-up kanji pairs that do not. */
    static List<UserDictWord> requestWords(List<String> sentences) {
        List<UserDictWord> words = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String s = sentences.get(i);
            words.add(UserDictWord.create(s.substring(4, 6), "アイウ", 1, WordType.COMMON_NOUN, 10));
        }
        for (int i = 0; words.size() < 100; i++) {
            String surface = new String(new char[] {(char) (0x4e9c + 7 * i), (char) (0x5b87 + 13 * i), '語'});
            words.add(UserDictWord.create(surface, "カキクケ", 2, WordType.values()[i % 5], i % 11));
        }
        return words;
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "/var/lib/mecab/dic/open-jtalk/naist-jdic");
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        // thread CPU time: on a shared machine wall time mostly measures waiting for a core
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        List<String> sentences = FrontendBenchmark.SENTENCES.stream().map(s -> s.substring(0, 50)).toList();
        Sbv2TextFrontend frontend = new Sbv2TextFrontend(new OpenJTalk(MecabDictionary.open(dir)));
        List<UserDictWord> words = requestWords(sentences);
        long sink = 0;

        for (int r = 0; r < warmup; r++) {
            for (String s : sentences) {
                sink += frontend.g2p(s).phones().size();
                sink += frontend.g2p(s, frontend.userWords(words)).phones().size();
            }
        }
        long calls = (long) rounds * sentences.size();
        long t0 = cpu.getCurrentThreadCpuTime();
        for (int r = 0; r < rounds; r++) {
            for (String s : sentences) {
                sink += frontend.g2p(s).phones().size();
            }
        }
        long plain = cpu.getCurrentThreadCpuTime() - t0;
        t0 = cpu.getCurrentThreadCpuTime();
        for (int r = 0; r < rounds; r++) {
            for (String s : sentences) {
                sink += frontend.g2p(s, frontend.userWords(words)).phones().size();
            }
        }
        long withWords = cpu.getCurrentThreadCpuTime() - t0;
        t0 = cpu.getCurrentThreadCpuTime();
        for (long c = 0; c < calls; c++) {
            sink += frontend.userWords(words).lexicons().size();
        }
        long buildOnly = cpu.getCurrentThreadCpuTime() - t0;

        Map<String, UserDictWord> global = new LinkedHashMap<>();
        for (int i = 0; i < 10_000; i++) {
            String surface = new String(new char[] {(char) (0x4e00 + i % 5000), (char) (0x4e00 + i / 5000 + 100)});
            global.put(UUID.randomUUID().toString(), UserDictWord.create(surface, "アイ", 0, WordType.PROPER_NOUN, 5));
        }
        for (int i = 0; i < 5; i++) {
            sink += UserDictionary.of(global).words().size();
        }
        t0 = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < 10; i++) {
            sink += UserDictionary.of(global).words().size();
        }
        long compile = (cpu.getCurrentThreadCpuTime() - t0) / 10;

        System.out.printf("SBV2 g2p per 50-char sentence, no user words:           %7.1f us%n", plain / 1e3 / calls);
        System.out.printf("  with 100 request words (lexicon built per request):    %7.1f us%n", withWords / 1e3 / calls);
        System.out.printf("  building the 100-word request lexicon alone:           %7.1f us%n", buildOnly / 1e3 / calls);
        System.out.printf("compiling a 10,000-word global dictionary (per change): %7.1f ms%n", compile / 1e6);
        System.out.printf("(%d warm-up rounds, %d calls each; checksum %d)%n", warmup, calls, sink);
    }
}
