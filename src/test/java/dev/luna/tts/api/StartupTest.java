package dev.luna.tts.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Start-up: readiness is DOWN until warm-up ends (warm-up held back 8 s here) while liveness is
 * UP and the port answers; the warm-up ends with one request over HTTP; a broken voice file is reported by name and
 * the other voices serve.
 */
@QuarkusTest
@TestProfile(StartupTest.SlowWarmupWithBrokenVoice.class)
class StartupTest {

    public static class SlowWarmupWithBrokenVoice extends CopiedModelsProfile {
        @Override
        protected Map<String, String> extra() {
            return Map.of("luna.warmup.delay", "8s");
        }

        @Override
        protected void prepare(Path models) throws IOException {
            Path broken = Files.createDirectories(models.resolve("voices/broken"));
            Files.writeString(broken.resolve("config.json"), "{\"data\":{\"spk2id\":{\"a\":0}}}");
            Files.write(broken.resolve("style_vectors.npy"), new byte[]{1, 2, 3});
            Files.writeString(broken.resolve("model.onnx"), "this is not an ONNX file");
        }
    }

    @Test
    void readinessWaitsForWarmupAndBrokenVoiceIsReported() throws InterruptedException {
        Management.given().get("/q/health/ready").then().statusCode(503).body(containsString("DOWN"));
        Management.given().get("/q/health/live").then().statusCode(200);
        Management.given().get("/q/metrics").then().statusCode(200).body(containsString("luna_tts_warmup_complete 0"));
        int status = 0;
        for (int i = 0; i < 600 && status != 200; i++) {
            Thread.sleep(200);
            status = Management.given().get("/q/health/ready").statusCode();
        }
        assertEquals(200, status, "ready after warm-up");
        Management.given().get("/q/health/started").then().statusCode(200);
        Management.given().get("/q/metrics").then().body(containsString("luna_tts_warmup_complete 1"));
        // the HTTP warm-up's one POST /synthesize went through the listener before readiness (no client sent any yet)
        String metrics = Management.given().get("/q/metrics").asString();
        List<String> synthesize = metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_count")
                && l.contains("uri=\"/synthesize\"")).toList();
        assertEquals(1, synthesize.size(), metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_count"))
                .toList().toString());
        assertTrue(synthesize.get(0).contains("status=\"200\"") && synthesize.get(0).endsWith(" 1.0"), synthesize.get(0));
        given().get("/models/info").then().statusCode(200)
                .body("failed", hasKey(containsString("broken")))
                .body(containsString("tiny"));
        given().contentType(ContentType.JSON).body("{\"text\":\"こんにちは。\"}").post("/synthesize").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"text\":\"こんにちは。\",\"model\":\"broken\"}").post("/synthesize")
                .then().statusCode(404);
    }
}
