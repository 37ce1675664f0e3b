package dev.luna.tts.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.luna.tts.service.LunaConfig;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #13, items 3, 4, 6, 7 and 8 on the tiny models: streams that fail mid-way end as broken transfers, bad voice
 * configs are refused and reported, a refresh keeps the last good version of a voice, /voice stops when the client
 * leaves, nothing internal leaks, admin operations need the key.
 */
@QuarkusTest
@TestProfile(ReliabilityTest.Profile.class)
class ReliabilityTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String LINE1 = ServiceTest.LINE1;
    static final String LINE2 = ServiceTest.LINE2;

    public static class Profile extends CopiedModelsProfile {
        @Override
        protected Map<String, String> extra() {
            // one piece of a request in the pipeline at a time: "the second piece fails" is then a second run
            return Map.of("luna.batch.lookahead", "1");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FaultInjectingMetrics.class);
        }

        @Override
        protected void prepare(Path models) throws IOException {
            Path tiny = models.resolve("voices/tiny");
            copyVoice(tiny, models.resolve("voices/faulty"), c -> { });
            copyVoice(tiny, models.resolve("voices/bad-rate"), c -> c.with("data").put("sampling_rate", -1));
            copyVoice(tiny, models.resolve("voices/bad-speaker"), c -> {
                ObjectNode data = c.with("data");
                data.remove("n_speakers");   // only the graph can tell now
                data.with("spk2id").put("ghost", 5);
            });
            copyVoice(tiny, models.resolve("voices/bad-style"), c -> c.with("data").with("style2id").put("Angry", 7));
            copyVoice(tiny, models.resolve("voices/no-speakers"), c -> c.with("data").remove("spk2id"));
        }
    }

    static void copyVoice(Path from, Path to, Consumer<ObjectNode> editConfig) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES,
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        ObjectNode config = (ObjectNode) JSON.readTree(to.resolve("config.json").toFile());
        editConfig.accept(config);
        Files.writeString(to.resolve("config.json"), JSON.writeValueAsString(config));
    }

    @Inject
    LunaConfig config;
    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void awaitReady() throws InterruptedException {
        Management.awaitReady();
    }

    static double metric(String prefix) {
        return Management.given().get("/q/metrics").asString().lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void failureAfterTheStatusLineIsAnIncompleteTransfer() throws Exception {
        String body = "{\"text\":\"" + LINE1 + "\\n" + LINE2 + "\",\"model\":\"faulty\"," + ServiceTest.FIXED + "}";
        RawHttp.Transfer whole = RawHttp.exchange(base.getPort(), RawHttp.postJson("/synthesize", body));
        assertEquals(200, whole.status());
        assertTrue(whole.terminated());
        assertTrue(whole.chunks().size() >= 3, "header, line 1, line 2 (a line may take several decoder chunks)");

        double errors = metric("luna_tts_request_seconds_count{endpoint=\"synthesize\",outcome=\"error\"");
        FaultInjectingMetrics.FAIL_AT.set(2);   // line 2's decoder run fails, and so do its retries item by item
        FaultInjectingMetrics.FAILING_RUNS.set(8);
        RawHttp.Transfer broken = RawHttp.exchange(base.getPort(), RawHttp.postJson("/synthesize", body));
        assertEquals(200, broken.status(), "the status line was sent before the failure");
        assertFalse(broken.terminated(), "a failed stream must not end with the final chunk");
        assertEquals(44, broken.chunks().get(0).length);
        assertTrue(broken.bodyBytes() < whole.bodyBytes(), "less than the whole audio arrived");
        assertEquals(errors + 1, metric("luna_tts_request_seconds_count{endpoint=\"synthesize\",outcome=\"error\""),
                "counted with outcome=error");
        assertEquals(0, FaultInjectingMetrics.FAIL_AT.get());
        FaultInjectingMetrics.disarm();
        RawHttp.Transfer after = RawHttp.exchange(base.getPort(), RawHttp.postJson("/synthesize", body));
        assertEquals(200, after.status());
        assertTrue(after.terminated(), "the next request is unaffected");
        assertEquals(whole.bodyBytes(), after.bodyBytes());
        assertEquals(0.0, metric("luna_tts_admitted_pieces"));

        FaultInjectingMetrics.FAIL_AT.set(1);   // /voice: nothing is sent before all audio is there, so a 500
        given().queryParam("text", LINE1).queryParam("model_name", "faulty").get("/voice").then().statusCode(500)
                .body(not(containsString("injected"))).body(not(containsString("Exception")));
    }

    @Test
    void voiceStopsWhenTheClientLeaves() throws Exception {
        // 20 lines: the query string stays under Vert.x's 4096-byte request line limit
        String lines = String.join("\n", Collections.nCopies(20, LINE2));
        double before = metric("luna_tts_generator_seconds_count");
        double cancelled = metric("luna_tts_request_seconds_count{endpoint=\"voice\",outcome=\"cancelled\"");
        try (Socket s = new Socket("localhost", base.getPort())) {
            s.getOutputStream().write(("GET /voice?text=" + URLEncoder.encode(lines, StandardCharsets.UTF_8)
                    + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            for (int i = 0; i < 300 && metric("luna_tts_generator_seconds_count") - before < 2; i++) {
                Thread.sleep(50);
            }
        }
        double now = cancelled;
        for (int i = 0; i < 100 && now == cancelled; i++) {
            Thread.sleep(100);
            now = metric("luna_tts_request_seconds_count{endpoint=\"voice\",outcome=\"cancelled\"");
        }
        assertEquals(cancelled + 1, now, "the /voice request was cancelled");
        Thread.sleep(1000);
        double ran = metric("luna_tts_generator_seconds_count") - before;
        assertTrue(ran < 6, ran + " of 20 lines synthesized (2 before the client left)");
        assertEquals(0.0, metric("luna_tts_admitted_pieces"));
    }

    /** One raw request on its own connection; everything the server sent until it closed the connection. */
    private String raw(String request) throws Exception {
        try (Socket s = new Socket("localhost", base.getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void malformedChunkedBodiesGet400InThePathsShape() throws Exception {
        String body = "{\"text\":\"" + LINE1 + "\"}";
        String[] framings = {
            "ZZ\r\n" + body + "\r\n0\r\n\r\n",                                   // chunk size not hex
            "FFFFFFFFFFFFFFFFFFFF\r\n" + body + "\r\n0\r\n\r\n",                 // chunk size overflows
            "2\r\n" + body + "\r\n0\r\n\r\n",                                    // more data than the chunk size
        };
        for (String framing : framings) {
            String head = " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n";
            String luna = raw("POST /synthesize" + head + framing);
            assertTrue(luna.startsWith("HTTP/1.1 400 "), luna);
            assertTrue(luna.contains("\"field\":\"body\"") && luna.contains("chunked framing"), luna);
            String sbv2 = raw("POST /voice?text=a" + head + framing);
            assertTrue(sbv2.startsWith("HTTP/1.1 422 ") && sbv2.contains("\"detail\""), sbv2);
            String openAi = raw("POST /v1/audio/speech" + head + framing);
            assertTrue(openAi.startsWith("HTTP/1.1 400 ") && openAi.contains("\"error\":{"), openAi);
        }
        // the service goes on serving
        given().contentType(ContentType.JSON).body(body).post("/synthesize").then().statusCode(200);
    }

    @Test
    void badVoiceConfigsAreRefusedAndReported() {
        String info = given().get("/models/info").then().statusCode(200)
                .body("failed", hasKey(containsString("bad-rate")))
                .body("failed", hasKey(containsString("bad-speaker")))
                .body("failed", hasKey(containsString("bad-style")))
                .body("failed", hasKey(containsString("no-speakers")))
                .body("models.collect { it.value.name }", not(hasItem("bad-rate")))
                .body("models.collect { it.value.name }", hasItem("faulty"))
                .extract().asString();
        assertTrue(info.contains("sampling_rate -1 is outside 8000-192000 Hz"), info);
        assertTrue(info.contains("speaker \\\"ghost\\\" has id 5 but the model has 2 speaker(s)"), info);
        assertTrue(info.contains("style \\\"Angry\\\" has id 7"), info);
        assertTrue(info.contains("no data.spk2id"), info);
        for (String voice : List.of("bad-rate", "bad-speaker", "bad-style", "no-speakers")) {
            given().contentType(ContentType.JSON).body("{\"text\":\"" + LINE1 + "\",\"model\":\"" + voice + "\"}")
                    .post("/synthesize").then().statusCode(404).body("field", equalTo("model"));
        }
    }

    @Test
    void noInternalsInResponses() {
        String root = Path.of(config.modelsDir()).toAbsolutePath().toString();
        String info = given().get("/models/info").then().statusCode(200)
                .body("models.'0'.model_path", equalTo("voices/bad-rate/model.onnx".equals("") ? "" : "voices/faulty/model.onnx"))
                .extract().asString();
        assertFalse(info.contains(root), "absolute path in " + info);
        assertFalse(info.contains("/tmp"), info);
        for (String leak : List.of("Exception", "OrtException", "ai.onnxruntime", "jackson", ".so")) {
            assertFalse(info.contains(leak), leak + " in " + info);
        }
        given().contentType(ContentType.JSON).body("{\"text\":\"" + LINE1 + "\",\"sdp_ratio\":\"x\"}").post("/synthesize")
                .then().statusCode(400).body(not(containsString("jackson"))).body(not(containsString("Exception")));
    }

    @Test
    void refreshKeepsTheLastGoodVersionOfAVoice() throws Exception {
        Path voices = Path.of(config.modelsDir()).resolve("voices");
        Path editable = voices.resolve("editable");
        copyVoice(voices.resolve("tiny"), editable, c -> { });
        try {
            refresh().then().statusCode(200).body("added", equalTo(List.of("editable")));
            Path cfg = editable.resolve("config.json");
            Files.writeString(cfg, "{\"data\": {\"sampling_rate\": 44100, \"spk2id\": ");   // a botched edit
            Files.setLastModifiedTime(cfg, FileTime.fromMillis(System.currentTimeMillis() + 5000));
            refresh().then().statusCode(200).body("kept", equalTo(List.of("editable")))
                    .body("voices", hasItem("editable")).body("removed", equalTo(List.of()))
                    .body("failed.'voices/editable/model.onnx'", containsString("previous version"));
            given().contentType(ContentType.JSON).body("{\"text\":\"" + LINE1 + "\",\"model\":\"editable\"}")
                    .post("/synthesize").then().statusCode(200);
            given().get("/models/info").then().body("failed", hasKey("voices/editable/model.onnx"));
        } finally {
            try (Stream<Path> s = Files.list(editable)) {
                for (Path f : (Iterable<Path>) s::iterator) {
                    Files.delete(f);
                }
            }
            Files.delete(editable);
            refresh().then().statusCode(200).body("removed", equalTo(List.of("editable")));
        }
    }

    @Test
    void aNewVersionThatFailsWarmUpIsNotServed() throws Exception {
        Path cfg = Path.of(config.modelsDir()).resolve("voices/faulty/config.json");
        ObjectNode edited = (ObjectNode) JSON.readTree(cfg.toFile());
        edited.put("version", "2");
        Files.writeString(cfg, JSON.writeValueAsString(edited));
        Files.setLastModifiedTime(cfg, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        // the new version's first warm-up run fails, and the retries of its items: a voice's warm-up requests run
        // at once, so that run may be a batch of two whose items are then run one by one
        FaultInjectingMetrics.FAILING_RUNS.set(3);
        FaultInjectingMetrics.FAIL_AT.set(1);
        refresh().then().statusCode(200).body("kept", equalTo(List.of("faulty"))).body("added", not(hasItem("faulty")))
                .body("failed.faulty", containsString("previous version is still served"));
        assertEquals(0, FaultInjectingMetrics.FAIL_AT.get());
        FaultInjectingMetrics.disarm();
        given().contentType(ContentType.JSON).body("{\"text\":\"" + LINE1 + "\",\"model\":\"faulty\"}")
                .post("/synthesize").then().statusCode(200);
        // the next refresh loads the new version again; its warm-up passes now, so it replaces the old one
        refresh().then().statusCode(200).body("added", hasItem("faulty")).body("kept", equalTo(List.of()))
                .body("failed", not(hasKey("faulty")));
    }

    @Test
    void adminOperationsNeedTheKey() {
        given().post("/models/refresh").then().statusCode(401).body("type", equalTo("unauthorized"));
        given().header("X-Api-Key", "wrong").post("/models/refresh").then().statusCode(401);
        given().header("Authorization", "Bearer wrong").post("/models/refresh").then().statusCode(401);
        given().header("Authorization", "Bearer " + CopiedModelsProfile.ADMIN_KEY).post("/models/refresh")
                .then().statusCode(200);
        refresh().then().statusCode(200);
        given().get("/models/info").then().statusCode(200);   // reads stay open
        given().get("/q/health/ready").then().statusCode(404);   // health and metrics only on the management port
        given().get("/q/metrics").then().statusCode(404);
    }

    @Test
    void malformedHttpGets400WhereTheHttpLayerAllowsIt() throws Exception {
        String json = "Content-Type: application/json\r\n";
        for (String request : List.of(
                "GARBAGE\r\n\r\n",
                "GET /models/info HTTP/1.1\r\nHost x\r\n\r\n",
                "GET /models/info HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n",
                "POST /synthesize HTTP/1.1\r\nHost: x\r\n" + json + "Content-Length: abc\r\n\r\n{}",
                "POST /synthesize HTTP/1.1\r\nHost: x\r\n" + json
                        + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n")) {
            RawHttp.Transfer t = RawHttp.exchange(base.getPort(), request);
            assertEquals(400, t.status(), request);
        }
        // a broken chunked body: malformedChunkedBodiesGet400InThePathsShape
        given().get("/models/info").then().statusCode(200);   // and the server goes on serving
    }

    @Test
    void longUnpunctuatedLineIsSpokenAndAmplifyingRequestsAreRefused() throws Exception {
        String line = "あいうえおかきくけこ".repeat(60);   // 600 characters, no punctuation
        RawHttp.Transfer t = RawHttp.exchange(base.getPort(), RawHttp.postJson("/synthesize",
                "{\"text\":\"" + line + "\"," + ServiceTest.FIXED + "}"));
        assertEquals(200, t.status());
        assertTrue(t.terminated());
        assertTrue(t.chunks().size() >= 3, "cut into pieces, not refused: " + t.chunks().size() + " chunks");
        assertTrue(t.bodyBytes() > 44 + 2 * 44100, "seconds of audio for 600 characters: " + t.bodyBytes());
        // 100 line breaks x 10 s of silence from a short URL: refused before any work
        given().queryParam("text", "あ\n".repeat(100)).queryParam("split_interval", 10).get("/voice").then()
                .statusCode(422).body("detail[0].loc[1]", equalTo("split_interval"));
        assertEquals(0.0, metric("luna_tts_admitted_pieces"));
    }

    static io.restassured.response.Response refresh() {
        return given().header("X-Api-Key", CopiedModelsProfile.ADMIN_KEY).post("/models/refresh");
    }
}
