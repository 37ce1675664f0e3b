package dev.luna.tts.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Prometheus names of the meters the application registers, found as the name literals of Micrometer calls:
 * Micrometer's Prometheus naming turns "luna.tts.inflight.requests" into "luna_tts_inflight_requests"
 * (gauges get no suffix).
 */
final class ExportedMetrics {

    static final Path MAIN_SOURCES = Path.of("src/main/java");
    /** The name argument of a Micrometer builder or MeterRegistry shortcut: Gauge.builder("a.b", ...), registry.counter("a.b"). */
    private static final Pattern LITERAL = Pattern.compile(
            "\\b(?:builder|gauge|counter|timer|summary|more\\(\\)\\.\\w+)\\(\\s*\"([a-z][a-z0-9_.]*)\"");

    private ExportedMetrics() {
    }

    static Set<String> candidateNames() {
        Set<String> names = new HashSet<>();
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                Matcher m = LITERAL.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    names.add(m.group(1).replace('.', '_'));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
