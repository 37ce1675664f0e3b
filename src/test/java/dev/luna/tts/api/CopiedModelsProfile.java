package dev.luna.tts.api;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the service on a temporary copy of the shipped models (models/, or -Dlunatest.models)
 * so tests can add and remove voices; provider auto (on a machine without CUDA: the fallback).
 */
public class CopiedModelsProfile implements QuarkusTestProfile {

    /** The admin key the tests configure (admin operations are refused without one). */
    public static final String ADMIN_KEY = "test-admin-key";

    public static Path copy() {
        Path src = Path.of(System.getProperty("lunatest.models", "models"));
        try {
            Path dst = Files.createTempDirectory("luna-models");
            try (Stream<Path> s = Files.walk(src)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Path t = dst.resolve(src.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(t);
                    } else {
                        Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
            return dst;
        } catch (IOException e) {
            throw new UncheckedIOException("copying " + src.toAbsolutePath(), e);
        }
    }

    protected Map<String, String> extra() {
        return Map.of();
    }

    /** Changes the fresh copy before the service starts on it. */
    protected void prepare(Path models) throws IOException {
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> m = new HashMap<>();
        Path models = copy();
        try {
            prepare(models);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        m.put("luna.models-dir", models.toString());
        m.put("luna.provider", "auto");
        m.put("luna.admin.api-key", ADMIN_KEY);
        m.putAll(extra());
        return m;
    }
}
