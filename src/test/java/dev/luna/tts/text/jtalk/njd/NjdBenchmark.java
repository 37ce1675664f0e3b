package dev.luna.tts.text.jtalk.njd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.luna.tts.text.jtalk.lattice.Morpheme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Throughput of {@link Njd#analyze} over the golden sentences' morphemes. Prints numbers; asserts
 * nothing. Run with the test classpath, e.g.
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) dev.luna.tts.text.jtalk.njd.NjdBenchmark [dir] [rounds]}.
 */
public final class NjdBenchmark {
    private NjdBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/jtalk/openjtalk");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        ObjectMapper json = new ObjectMapper();
        List<List<Morpheme>> sentences = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    List<Morpheme> ms = new ArrayList<>();
                    for (JsonNode m : json.readTree(line).get("mecab")) {
                        ms.add(new Morpheme(m.get(0).asText(), m.get(1).asText()));
                    }
                    sentences.add(ms);
                }
            }
        }
        long morphemes = sentences.stream().mapToLong(List::size).sum();
        for (int r = 0; r < rounds; r++) {
            long t = System.nanoTime();
            long nodes = 0;
            for (List<Morpheme> s : sentences) {
                nodes += Njd.analyze(s).size();
            }
            double ms = (System.nanoTime() - t) / 1e6;
            System.out.printf("round %d: %d sentences, %d morphemes -> %d nodes in %.1f ms (%.1f us/sentence)%n",
                    r, sentences.size(), morphemes, nodes, ms, ms * 1000 / sentences.size());
        }
    }
}
