package dev.luna.tts.text.jtalk.label;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.luna.tts.text.jtalk.NjdFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The OpenJTalk 1.11 goldens ({@code src/test/resources/jtalk/openjtalk/*.jsonl}, made with
 * {@code open_jtalk -ot}): one JSON object per line with the input text, the NJD features and
 * the labels. The folder can be overridden with {@code -Djtalk.goldens=DIR}.
 */
public final class OpenJTalkGoldens {

    /** One golden line; {@code features} and {@code labels} are the oracle's strings. */
    public record Case(String file, int line, String text, List<String> features, List<String> labels) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenJTalkGoldens() {
    }

    public static Path directory() {
        return Path.of(System.getProperty("jtalk.goldens", "src/test/resources/jtalk/openjtalk"));
    }

    /** All goldens grouped by file (sorted by name); empty when the folder does not exist. */
    public static List<List<Case>> load() {
        Path dir = directory();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<List<Case>> out = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                out.add(loadFile(file));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Case> loadFile(Path file) throws IOException {
        List<Case> cases = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(lines.get(i));
            cases.add(new Case(file.getFileName().toString(), i + 1, n.path("text").asText(),
                    strings(n.path("features")), strings(n.path("labels"))));
        }
        return cases;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }

    /**
     * Parses one "[Text analysis result]" line,
     * {@code string,pos,g1,g2,g3,ctype,cform,orig,read,pron,acc/mora,chain_rule,chain_flag}.
     */
    public static NjdFeature parseFeature(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 13) {
            throw new IllegalArgumentException("expected 13 fields: " + line);
        }
        String[] accMora = f[10].split("/", -1);
        return new NjdFeature(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9],
                Integer.parseInt(accMora[0]), Integer.parseInt(accMora[1]), f[11],
                Integer.parseInt(f[12]));
    }

    /** The inverse of {@link #parseFeature}, in the oracle's format. */
    public static String formatFeature(NjdFeature n) {
        return String.join(",", n.string(), n.pos(), n.posGroup1(), n.posGroup2(), n.posGroup3(),
                n.ctype(), n.cform(), n.orig(), n.read(), n.pron(),
                n.acc() + "/" + n.moraSize(), n.chainRule(), Integer.toString(n.chainFlag()));
    }
}
