package dev.luna.tts.arch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Layers point one way — api → service → engine → text — and the plain-Java layers stay free of the framework.
 * Reads every main source file's imports and fully qualified references (so an inline {@code dev.luna.tts.api.X}
 * counts too).
 */
class LayeringTest {

    static final Path MAIN = Path.of("src/main/java/dev/luna/tts");
    static final List<String> LAYERS = List.of("api", "service", "engine", "text");
    static final Pattern REF = Pattern.compile("\\b(dev\\.luna\\.tts\\.[a-z0-9_.]+?)\\.[A-Z]");
    static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+);", Pattern.MULTILINE);
    static final List<String> FRAMEWORK = List.of("io.quarkus.", "jakarta.", "javax.", "org.eclipse.microprofile.",
            "io.smallrye.", "io.vertx.", "io.micrometer.", "org.jboss.resteasy.");

    record Source(Path file, String pkg, String layer, String code) {
    }

    static List<Source> sources() {
        try (Stream<Path> s = Files.walk(MAIN)) {
            List<Source> out = new ArrayList<>();
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = Files.readString(f);
                String rel = MAIN.relativize(f.getParent()).toString().replace('/', '.');
                String layer = rel.split("\\.")[0];
                out.add(new Source(f, "dev.luna.tts." + rel, layer, code));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<String> referencedPackages(Source s) {
        String code = s.code().replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
        Set<String> pkgs = new TreeSet<>();
        Matcher m = REF.matcher(code);
        while (m.find()) {
            pkgs.add(m.group(1));
        }
        return pkgs;
    }

    @Test
    void everyMainPackageBelongsToALayerOrTheStandaloneTools() {
        for (Source s : sources()) {
            assertTrue(LAYERS.contains(s.layer()) || s.layer().equals("pull"),
                    s.file() + " is in no layer (" + s.pkg() + ")");
        }
    }

    @Test
    void layersPointOneWay() {
        List<String> violations = new ArrayList<>();
        for (Source s : sources()) {
            int own = LAYERS.indexOf(s.layer());
            for (String pkg : referencedPackages(s)) {
                String target = pkg.substring("dev.luna.tts.".length()).split("\\.")[0];
                int t = LAYERS.indexOf(target);
                if (s.layer().equals("pull") && !target.equals("pull")) {
                    violations.add(s.file() + " (standalone tool) uses " + pkg);
                } else if (own >= 0 && t >= 0 && t < own) {
                    violations.add(s.file() + " (" + s.layer() + ") uses " + pkg + " (" + target + ")");
                } else if (own >= 0 && t < 0) {
                    violations.add(s.file() + " uses " + pkg + ", which is in no layer");
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void engineAndTextAreFrameworkFree() {
        List<String> violations = new ArrayList<>();
        for (Source s : sources()) {
            if (!s.layer().equals("engine") && !s.layer().equals("text") && !s.layer().equals("pull")) {
                continue;
            }
            Matcher m = IMPORT.matcher(s.code());
            while (m.find()) {
                for (String f : FRAMEWORK) {
                    if (m.group(1).startsWith(f)) {
                        violations.add(s.file() + " imports " + m.group(1));
                    }
                }
            }
            String code = s.code().replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "")
                    .replaceAll("(?m)^import .*$", "");
            for (String f : FRAMEWORK) {
                if (code.contains(f.substring(0, f.length() - 1) + ".")) {
                    violations.add(s.file() + " refers to " + f + "* inline");
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    /**
     * No cycles among the packages of api, service and engine. (The text layer's root package holds its facade and
     * the types its stages share, OpenJTalk's own arrangement, so it is left out.)
     */
    @Test
    void packagesHaveNoCycles() {
        Map<String, Set<String>> deps = new TreeMap<>();
        for (Source s : sources()) {
            if (s.layer().equals("text")) {
                continue;
            }
            Set<String> d = deps.computeIfAbsent(s.pkg(), k -> new TreeSet<>());
            for (String p : referencedPackages(s)) {
                if (!p.equals(s.pkg()) && !p.startsWith("dev.luna.tts.text")) {
                    d.add(p);
                }
            }
        }
        List<String> cycles = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>();
        for (String p : deps.keySet()) {
            visit(p, deps, state, new ArrayList<>(), cycles);
        }
        assertEquals(List.of(), cycles, "package cycles");
    }

    private static void visit(String p, Map<String, Set<String>> deps, Map<String, Integer> state, List<String> path,
                              List<String> cycles) {
        Integer st = state.get(p);
        if (st != null && st == 2) {
            return;
        }
        if (st != null && st == 1) {
            cycles.add(String.join(" → ", path.subList(path.indexOf(p), path.size())) + " → " + p);
            return;
        }
        state.put(p, 1);
        path.add(p);
        for (String q : deps.getOrDefault(p, new HashSet<>())) {
            visit(q, deps, state, path, cycles);
        }
        path.remove(path.size() - 1);
        state.put(p, 2);
    }
}
