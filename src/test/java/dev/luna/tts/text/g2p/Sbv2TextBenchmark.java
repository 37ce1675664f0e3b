package dev.luna.tts.text.g2p;

import dev.luna.tts.text.G2pResult;
import dev.luna.tts.text.Sbv2TextFrontend;
import dev.luna.tts.text.jtalk.OpenJTalk;
import dev.luna.tts.text.jtalk.dictionary.MecabDictionary;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Throughput of the whole text layer (normalize → OpenJTalk → g2p → ids) on the fixture texts.
 * Run: {@code java -cp target/classes:target/test-classes dev.luna.tts.text.g2p.Sbv2TextBenchmark [rounds]}
 */
public final class Sbv2TextBenchmark {

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        List<String> texts = new ArrayList<>(new FixtureJapaneseFrontend().texts());
        Sbv2TextFrontend frontend = new Sbv2TextFrontend(
                new OpenJTalk(MecabDictionary.open(Path.of("/var/lib/mecab/dic/open-jtalk/naist-jdic"))));
        long chars = texts.stream().mapToLong(String::length).sum();
        long sink = 0;
        for (int r = 0; r < rounds + 3; r++) {
            if (r == 3) {
                sink = 0;
            }
            long t0 = System.nanoTime();
            for (String t : texts) {
                G2pResult g = frontend.g2p(frontend.normalize(t));
                sink += frontend.toModelInput(g).phoneIds().length;
            }
            long ns = System.nanoTime() - t0;
            if (r >= 3) {
                System.out.printf("round %d: %d texts (%d chars) in %.1f ms = %.1f µs/text%n",
                        r - 2, texts.size(), chars, ns / 1e6, ns / 1e3 / texts.size());
            }
        }
        System.out.println("phone ids produced: " + sink);
    }
}
