package dev.luna.tts.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import dev.luna.tts.service.LunaConfig;
import jakarta.inject.Inject;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service on a read-only models folder (every file and folder without write permission; as
 * root, which ignores permissions, the folder is checked to be untouched instead): it becomes ready
 * and speaks, the session cache goes to its own directory, and /models/info and the metrics report
 * what each session cost and what the cache did.
 */
@QuarkusTest
@TestProfile(ReadOnlyModelsTest.ReadOnlyModels.class)
class ReadOnlyModelsTest {

    @Inject
    LunaConfig config;

    /**
     * Quarkus may build the profile more than once and in another class loader, so what the test needs
     * travels through the configuration and a file beside the models folder, not through fields.
     */
    public static class ReadOnlyModels extends CopiedModelsProfile {
        @Override
        protected Map<String, String> extra() {
            try {
                return Map.of("luna.session-cache.dir", Files.createTempDirectory("luna-session-cache").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        protected void prepare(Path dir) throws IOException {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                    assertTrue(p.toFile().setWritable(false, false), "chmod -w " + p);
                }
            }
            StringBuilder sb = new StringBuilder();
            snapshot(dir).forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
            Files.writeString(snapshotFile(dir), sb);
        }
    }

    static Path snapshotFile(Path models) {
        return models.resolveSibling(models.getFileName() + ".snapshot");
    }

    /** Every path under the folder with its size and modification time. */
    static Map<String, String> snapshot(Path dir) {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                m.put(dir.relativize(p).toString(), a.size() + "@" + a.lastModifiedTime().toMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    @Test
    void readyOnAReadOnlyModelsFolderWithTheCacheElsewhere() throws Exception {
        int status = 0;
        for (int i = 0; i < 600 && status != 200; i++) {
            status = Management.given().get("/q/health/ready").statusCode();
            if (status != 200) {
                Thread.sleep(200);
            }
        }
        assertEquals(200, status, "ready");
        byte[] wav = given().contentType(ContentType.JSON).body("{\"text\":\"こんにちは。\"}").post("/synthesize")
                .then().statusCode(200).extract().asByteArray();
        assertTrue(wav.length > 44 + 2 * 1000, "audio: " + wav.length + " bytes");

        Path models = Path.of(config.modelsDir());
        Path cacheDir = Path.of(config.sessionCache().dir());
        Map<String, String> before = new TreeMap<>();
        for (String line : Files.readAllLines(snapshotFile(models))) {
            String[] kv = line.split("\t", 2);
            before.put(kv[0], kv[1]);
        }
        assertEquals(before, snapshot(models), "nothing in the models folder was written");
        assertTrue(Files.isDirectory(models) && !Files.isWritable(models) || isRoot());

        // one entry and one manifest per session (BERT; the tiny voice's split graphs: latent, decoder), nothing else
        List<String> files;
        try (Stream<Path> s = Files.list(cacheDir)) {
            files = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(6, files.size(), files.toString());
        assertEquals(3, files.stream().filter(f -> f.endsWith(".ort")).count(), files.toString());
        assertEquals(3, files.stream().filter(f -> f.endsWith(".ort.properties")).count(), files.toString());

        var info = given().get("/models/info").then().statusCode(200)
                .body("session_cache.active", equalTo(true))
                .body("session_cache.writes", equalTo(3))
                .body("session_cache.hits", equalTo(0))
                .body("bert_session.cache", equalTo("written"))
                .body("bert_session.files", equalTo(List.of("model.onnx")))
                .body("models.'0'.session.cache", equalTo("written"))
                .body("models.'0'.session.files", equalTo(List.of("model.latent.onnx", "model.decoder.onnx")))
                .body(org.hamcrest.Matchers.not(containsString(cacheDir.toString())))
                .extract().jsonPath();
        for (String key : List.of("bert_session.host_bytes", "models.'0'.session.host_bytes", "memory.host_rss_bytes")) {
            assertTrue(((Number) info.get(key)).longValue() > 0, key + " = " + info.get(key));
        }
        // on the CPU nothing reports device memory
        assertNull((Object) info.get("models.'0'.session.device_bytes"));
        Management.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("luna_tts_model_memory_bytes{kind=\"host\",model=\"tiny\"}"))
                .body(containsString("luna_tts_model_memory_bytes{kind=\"host\",model=\"bert/tiny\"}"));
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
