package dev.luna.tts.api;

import dev.luna.tts.engine.SynthesisParams;
import dev.luna.tts.engine.SynthesisRequest;
import dev.luna.tts.engine.TtsException;
import dev.luna.tts.engine.audio.AudioEncoder;
import dev.luna.tts.engine.audio.AudioEncoders;
import dev.luna.tts.engine.audio.AudioFormat;
import dev.luna.tts.service.Admission;
import dev.luna.tts.service.LunaConfig;
import dev.luna.tts.service.ModelRegistry;
import dev.luna.tts.service.SynthesisService;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service end to end on the shipped tiny models, CPU (provider auto → fallback where no CUDA). */
@QuarkusTest
@TestProfile(CopiedModelsProfile.class)
class ServiceTest {

    static final String LINE1 = "こんにちは。";
    static final String LINE2 = "今日はいい天気ですね。";
    // deterministic generator: no noise, durations from the deterministic predictor only
    static final String FIXED = "\"sdp_ratio\":0,\"noise\":0,\"noise_w\":0";

    @Inject
    SynthesisService synthesis;
    @Inject
    ModelRegistry models;
    @Inject
    Admission admission;
    @Inject
    LunaConfig config;
    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void awaitReady() throws InterruptedException {
        Management.awaitReady();
    }

    /** Samples the service makes for one line with the fixed parameters, through the engine directly. */
    int generatorSamples(String line) {
        SynthesisParams fixed = SynthesisParams.builder().set(SynthesisParams.Param.SDP_RATIO, 0.0)
                .set(SynthesisParams.Param.NOISE, 0.0).set(SynthesisParams.Param.NOISE_W, 0.0).build();
        return synthesis.collect(synthesis.accept(SynthesisRequest.of(line).withParams(fixed), "test")).length;
    }

    @Test
    void healthProbesAreUp() {
        Management.given().get("/q/health/started").then().statusCode(200);
        Management.given().get("/q/health/live").then().statusCode(200);
        Management.given().get("/q/health/ready").then().statusCode(200).body(containsString("READY"));
    }

    @Test
    void synthesizeStreamsAValidWav() throws Exception {
        Response r = given().contentType(ContentType.JSON)
                .body("{\"text\":\"" + LINE1 + "\",\"style\":\"Neutral\"," + FIXED + "}").post("/synthesize");
        r.then().statusCode(200).header("Content-Type", containsString("audio/wav"));
        WavParser w = WavParser.parse(r.asByteArray());
        assertEquals(44100, w.sampleRate());
        assertEquals(1, w.channels());
        assertEquals(16, w.bits());
        assertEquals(0xFFFFFFFF, w.dataSize(), "streaming header: size unknown");
        int samples = generatorSamples(LINE1);
        assertTrue(samples > 0);
        assertEquals(samples * 2, w.pcmBytes());
    }

    @Test
    void seedContractWorks() {
        given().contentType(ContentType.JSON).body("{\"text\": \"こんにちは\", \"style\": \"Neutral\"}")
                .post("/synthesize").then().statusCode(200);
    }

    @Test
    void multiLineArrivesInSeveralChunks() throws Exception {
        ChunkedClient.Reply r = ChunkedClient.postJson(base.getPort(), "/synthesize",
                "{\"text\":\"" + LINE1 + "\\n" + LINE2 + "\",\"split_interval\":0.5," + FIXED + "}");
        assertEquals(200, r.status());
        assertTrue(r.headers().contains("transfer-encoding: chunked"), r.headers());
        assertTrue(r.chunks().size() >= 3, "header, then line 1 and line 2 (each in one or more decoder chunks)");
        assertEquals(44, r.chunks().get(0).length);
        int s1 = generatorSamples(LINE1);
        int s2 = generatorSamples(LINE2);
        java.io.ByteArrayOutputStream pcm = new java.io.ByteArrayOutputStream();
        r.chunks().subList(1, r.chunks().size()).forEach(pcm::writeBytes);
        byte[] all = pcm.toByteArray();
        assertEquals(2 * (s1 + 22050 + s2), all.length, "line 1, 0.5 s of silence, line 2");
        int boundary = 0;
        for (byte[] c : r.chunks().subList(1, r.chunks().size())) {
            boundary += c.length;
            if (boundary == 2 * s1) {
                break;
            }
        }
        assertEquals(2 * s1, boundary, "line 1 ends a chunk: its audio is sent before line 2 exists");
        for (int i = 2 * s1; i < 2 * (s1 + 22050); i++) {
            assertEquals(0, all[i]);
        }
    }

    @Test
    void pcmFormatIsRaw() throws Exception {
        Response r = given().contentType(ContentType.JSON).queryParam("format", "pcm")
                .body("{\"text\":\"" + LINE1 + "\"," + FIXED + "}").post("/synthesize");
        r.then().statusCode(200).header("Content-Type", containsString("audio/L16"));
        assertEquals(2 * generatorSamples(LINE1), r.asByteArray().length);
    }

    @Test
    void compressedFormatsStreamTheirContainers() {
        record Fmt(String name, String type, byte[] magic) {
        }
        for (Fmt f : List.of(new Fmt("flac", "audio/flac", "fLaC".getBytes()), new Fmt("opus", "audio/ogg", "OggS".getBytes()))) {
            Response r = given().contentType(ContentType.JSON)
                    .body("{\"text\":\"" + LINE1 + "\",\"format\":\"" + f.name() + "\"," + FIXED + "}").post("/synthesize");
            r.then().statusCode(200).header("Content-Type", containsString(f.type()));
            byte[] b = r.asByteArray();
            assertTrue(b.length > 100, f.name() + ": " + b.length + " bytes");
            assertEquals(new String(f.magic()), new String(b, 0, f.magic().length), f.name() + " magic");
        }
        Response mp3 = given().contentType(ContentType.JSON).body("{\"text\":\"" + LINE1 + "\",\"format\":\"mp3\"}")
                .post("/synthesize");
        mp3.then().statusCode(200).header("Content-Type", containsString("audio/mpeg"));
        byte[] m = mp3.asByteArray();
        assertEquals(0xFF, m[0] & 0xFF, "MPEG frame sync");
        assertEquals(0xE0, m[1] & 0xE0, "MPEG frame sync");
        Response pcm24 = given().contentType(ContentType.JSON).queryParam("format", "pcm").queryParam("sample_rate", 24000)
                .body("{\"text\":\"" + LINE1 + "\"," + FIXED + "}").post("/synthesize");
        pcm24.then().statusCode(200).header("X-Sample-Rate", "24000");
        assertEquals(2 * Math.round(generatorSamples(LINE1) * 24000.0 / 44100.0), pcm24.asByteArray().length);
    }

    @Test
    void voiceEndpointIsSbv2Compatible() throws Exception {
        int samples = generatorSamples(LINE1);
        for (String method : List.of("GET", "POST")) {
            Response r = given().queryParam("text", LINE1).queryParam("model_id", 0).queryParam("speaker_id", 0)
                    .queryParam("sdp_ratio", 0).queryParam("noise", 0).queryParam("noisew", 0)
                    .queryParam("style", "Neutral").request(method, "/voice");
            r.then().statusCode(200).header("Content-Type", containsString("audio/wav"));
            WavParser w = WavParser.parse(r.asByteArray());
            assertEquals(44100, w.sampleRate());
            assertEquals(1, w.channels());
            assertEquals(16, w.bits());
            assertEquals(samples * 2, w.dataSize());
            assertEquals(samples * 2, w.pcmBytes());
            assertEquals(36 + samples * 2, w.riffSize());
        }
    }

    @Test
    void voiceErrorsUseSbv2Shape() {
        given().queryParam("text", LINE1).queryParam("model_name", "nope").get("/voice").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("query", "model_name")))
                .body("detail[0].type", notNullValue()).body("detail[0].msg", containsString("nope"));
        given().queryParam("text", LINE1).queryParam("style", "Nope").get("/voice").then().statusCode(422)
                .body("detail[0].loc[1]", equalTo("style"));
        given().queryParam("text", LINE1).queryParam("speaker_id", 99).get("/voice").then().statusCode(422)
                .body("detail[0].loc[1]", equalTo("speaker_id"));
        given().queryParam("text", LINE1).queryParam("sdp_ratio", "abc").get("/voice").then().statusCode(422)
                .body("detail[0].loc[1]", equalTo("sdp_ratio"));
        given().get("/voice").then().statusCode(422).body("detail[0].loc[1]", equalTo("text"));
        given().queryParam("text", LINE1).queryParam("model_id", 7).get("/voice").then().statusCode(422)
                .body("detail[0].loc[1]", equalTo("model_id"));
    }

    @Test
    void synthesizeRejectsBadInputWithTheField() {
        record Case(String body, int status, String field) {
        }
        String longText = "あ".repeat(1001);
        for (Case c : List.of(
                new Case("{\"text\":\"" + LINE1 + "\",\"model\":\"nope\"}", 404, "model"),
                new Case("{\"text\":\"" + LINE1 + "\",\"style\":\"Nope\"}", 404, "style"),
                new Case("{\"text\":\"" + LINE1 + "\",\"speaker\":\"nobody\"}", 404, "speaker"),
                new Case("{\"text\":\"" + LINE1 + "\",\"speaker_id\":42}", 404, "speaker_id"),
                new Case("{\"text\":\"" + LINE1 + "\",\"sdp_ratio\":1.5}", 400, "sdp_ratio"),
                new Case("{\"text\":\"" + LINE1 + "\",\"length\":0}", 400, "length"),
                new Case("{\"text\":\"" + LINE1 + "\",\"noise\":-1}", 400, "noise"),
                new Case("{\"text\":\"" + LINE1 + "\",\"split_interval\":-1}", 400, "split_interval"),
                new Case("{\"text\":\"" + LINE1 + "\",\"format\":\"vorbis\"}", 400, "format"),
                new Case("{\"text\":\"" + LINE1 + "\",\"format\":\"aac\"}", 400, "format"),
                new Case("{\"text\":\"" + LINE1 + "\",\"format\":\"wav\",\"sample_rate\":12345}", 400, "sample_rate"),
                new Case("{\"text\":\"" + longText + "\"}", 400, "text"),
                new Case("{\"text\":\"\"}", 400, "text"),
                new Case("{}", 400, "text"),
                new Case("{\"text\":\"\\ud83d\\ude00★♪※ \\u0000\"}", 400, "text"))) {
            given().contentType(ContentType.JSON).body(c.body()).post("/synthesize").then()
                    .statusCode(c.status()).contentType(ContentType.JSON).body("field", equalTo(c.field()));
        }
        given().contentType(ContentType.JSON).body("{\"text\":\"★♪※\"}").post("/synthesize").then()
                .statusCode(400).body("type", equalTo("empty_text"));
        given().contentType(ContentType.JSON).body("{not json").post("/synthesize").then().statusCode(400);
        // a duplicate key: the last value wins (Jackson's rule for this body), never a 500
        given().contentType(ContentType.JSON).body("{\"text\":\"あ\",\"text\":\"い\"}").post("/g2p").then()
                .statusCode(200).body("text", equalTo("い"));
        given().contentType(ContentType.JSON).body("{\"text\":\"あ\",\"sdp_ratio\":[1]}").post("/synthesize").then()
                .statusCode(400).body("field", equalTo("sdp_ratio")).body(not(containsString("jackson")));
        given().contentType(ContentType.JSON).body("{\"text\":\"あ\",\"sdp_ratio\":\"abc\"}").post("/synthesize")
                .then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"text\":\"あ\",\"speaker_id\":1e20}").post("/synthesize")
                .then().statusCode(400);
        given().contentType(ContentType.JSON).body("[1,2]").post("/synthesize").then().statusCode(400);
        given().queryParam("text", "あ").queryParam("encoding", "no-such-charset").get("/voice").then().statusCode(422)
                .body("detail[0].loc[1]", equalTo("encoding"));
    }

    @Test
    void oddUnicodeNeverGives500() {
        for (String t : List.of("\\ud800", "a\\udc00b", "\\u0007\\u001b", "😀こんにちは😀", "ｱｲｳ", "\\u200b\\ufeff")) {
            int s = given().contentType(ContentType.JSON).body("{\"text\":\"" + t + "\"}").post("/synthesize").statusCode();
            assertTrue(s == 200 || s == 400, t + " → " + s);
        }
    }

    @Test
    void g2pReturnsPhonesTonesWord2ph() {
        given().contentType(ContentType.JSON).body("{\"text\":\"" + LINE1 + "\"}").post("/g2p").then().statusCode(200)
                .body("text", equalTo(LINE1)).body("phones[0]", equalTo("_")).body("tones", notNullValue())
                .body("word2ph[0]", equalTo(1));
        given().contentType(ContentType.JSON).body("{\"text\":\"★♪※\"}").post("/g2p").then().statusCode(400)
                .body("field", equalTo("text"));
    }

    @Test
    void metricsArePresent() {
        given().contentType(ContentType.JSON).body("{\"text\":\"" + LINE1 + "\"}").post("/synthesize").then().statusCode(200);
        String m = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String name : List.of("luna_tts_inflight_requests", "luna_tts_queued_requests",
                "luna_tts_request_seconds_bucket", "luna_tts_time_to_first_audio_seconds_bucket",
                "luna_tts_audio_seconds_total", "luna_tts_real_time_factor", "luna_tts_bert_seconds",
                "luna_tts_generator_seconds", "luna_tts_warmup_complete 1", "luna_tts_model_load_seconds{model=\"tiny\"",
                "provider=\"cpu\"")) {
            assertTrue(m.contains(name), "missing " + name);
        }
    }

    @Test
    void modelsInfoShowsProviderAndVoices() {
        given().get("/models/info").then().statusCode(200).body("provider", equalTo("cpu"))
                .body("models.'0'.name", notNullValue()).body("models.'0'.spk2id", notNullValue())
                .body("models.'0'.device", equalTo("cpu"));
        if (!Files.exists(Path.of("/dev/nvidia0"))) {
            given().get("/models/info").then().body("provider_fallback_reason", notNullValue());
        }
    }

    @Test
    void fullAdmissionGives503WithRetryAfter() {
        List<Admission.Ticket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                held.add(admission.admit(1));
            }
            throw new AssertionError("admission never filled");
        } catch (TtsException full) {
            assertEquals(TtsException.Kind.OVERLOADED, full.kind());
            assertEquals(admission.maxPieces(), held.size(), "one-piece requests up to luna.admission.max-pieces");
        }
        try {
            given().contentType(ContentType.JSON).body("{\"text\":\"" + LINE1 + "\"}").post("/synthesize").then()
                    .statusCode(503).header("Retry-After", "1").body("type", equalTo("overloaded"));
            given().queryParam("text", LINE1).get("/voice").then().statusCode(503).header("Retry-After", "1");
        } finally {
            held.forEach(Admission.Ticket::close);
        }
        assertEquals(0, admission.pieces());
        given().contentType(ContentType.JSON).body("{\"text\":\"" + LINE1 + "\"}").post("/synthesize").then().statusCode(200);
    }

    @Test
    void refreshAddsAndRemovesACopiedVoice() throws Exception {
        Path voices = Path.of(config.modelsDir()).resolve("voices");
        Path src;
        try (Stream<Path> s = Files.list(voices)) {
            src = s.filter(p -> Files.isRegularFile(p.resolve("config.json"))).findFirst().orElseThrow();
        }
        Path copy = voices.resolve("zz-copy");
        Files.createDirectories(copy);
        try (Stream<Path> s = Files.list(src)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                Files.copy(f, copy.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        int parsesBefore = models.configParseCount();
        given().header("X-Api-Key", CopiedModelsProfile.ADMIN_KEY).post("/models/refresh").then().statusCode(200).body("added", equalTo(List.of("zz-copy")))
                .body("voices", hasItem("zz-copy"));
        assertEquals(parsesBefore + 1, models.configParseCount(), "only the new config is parsed");
        given().contentType(ContentType.JSON).body("{\"text\":\"" + LINE1 + "\",\"model\":\"zz-copy\"}")
                .post("/synthesize").then().statusCode(200);
        given().get("/models/info").then().body(containsString("zz-copy"));

        try (Stream<Path> s = Files.list(copy)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                Files.delete(f);
            }
        }
        Files.delete(copy);
        given().header("X-Api-Key", CopiedModelsProfile.ADMIN_KEY).post("/models/refresh").then().statusCode(200).body("removed", equalTo(List.of("zz-copy")))
                .body("voices", not(hasItem("zz-copy")));
        given().contentType(ContentType.JSON).body("{\"text\":\"" + LINE1 + "\",\"model\":\"zz-copy\"}")
                .post("/synthesize").then().statusCode(404).body("field", equalTo("model"));
        assertEquals(parsesBefore + 1, models.configParseCount(), "unchanged configs are not re-parsed");
    }

    static double metric(String prefix) {
        String m = Management.given().get("/q/metrics").asString();
        return m.lines().filter(l -> l.startsWith(prefix)).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void clientDisconnectStopsInference() throws Exception {
        String lines = String.join("\\n", java.util.Collections.nCopies(40, LINE2));
        double before = metric("luna_tts_generator_seconds_count");
        assertEquals(200, ChunkedClient.postAndHangUp(base.getPort(), "/synthesize", "{\"text\":\"" + lines + "\"}"));
        double cancelled = 0;
        for (int i = 0; i < 100 && cancelled == 0; i++) {
            Thread.sleep(100);
            cancelled = metric("luna_tts_request_seconds_count{endpoint=\"synthesize\",outcome=\"cancelled\"");
        }
        assertTrue(cancelled >= 1, "the stream was cancelled");
        Thread.sleep(1000);
        double ran = metric("luna_tts_generator_seconds_count") - before;
        assertTrue(ran < 40, "only " + ran + " of 40 lines synthesized after the client left");
        assertEquals(0.0, metric("luna_tts_inflight_requests"));
    }

    /**
     * A client that leaves as the container header is written (before any audio) cancels the request like at any
     * other moment: its pieces go back to admission and its voice lease is released. Deterministic form of the
     * race {@link #clientDisconnectStopsInference} can hit on a fast machine.
     */
    @Test
    void leavingRightAfterTheHeaderReleasesTheRequest() {
        String lines = String.join("\n", java.util.Collections.nCopies(40, LINE2));
        int before = admission.pieces();
        SynthesisService.Accepted a = synthesis.accept(SynthesisRequest.of(lines), "test");
        assertEquals(before + 40, admission.pieces());
        AudioEncoder wav = AudioEncoders.open(AudioFormat.WAV, a.sampleRate(), 1);
        List<Integer> received = new ArrayList<>();
        AudioStreams.stream(synthesis.stream(a), wav, () -> false).subscribe().withSubscriber(new Flow.Subscriber<Buffer>() {
            Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(1);
            }

            @Override
            public void onNext(Buffer b) {
                received.add(b.length());
                subscription.cancel();   // the connection closed as the header was written
            }

            @Override
            public void onError(Throwable t) {
                throw new AssertionError(t);
            }

            @Override
            public void onComplete() {
                throw new AssertionError("the stream cannot complete: it was cancelled");
            }
        });
        assertEquals(List.of(44), received, "the WAV header, nothing else");
        assertEquals(before, admission.pieces(), "the request's 40 pieces are given back");
        assertTrue(a.utterance().cancelled(), "the utterance is closed (voice lease released)");
    }

    /** A response whose connection was gone before it was subscribed ends at once and releases its request. */
    @Test
    void aConnectionClosedBeforeTheResponseStartsSynthesizesNothing() {
        int before = admission.pieces();
        SynthesisService.Accepted a = synthesis.accept(SynthesisRequest.of(LINE1 + "\n" + LINE2), "test");
        AudioEncoder wav = AudioEncoders.open(AudioFormat.WAV, a.sampleRate(), 1);
        AssertSubscriber<Buffer> client = AudioStreams.stream(synthesis.stream(a), wav, () -> true)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        client.assertCompleted();
        assertEquals(List.of(44), client.getItems().stream().map(Buffer::length).toList(), "nothing after the header");
        assertEquals(before, admission.pieces(), "the request's pieces are given back");
        assertTrue(a.utterance().cancelled(), "the utterance is closed (voice lease released)");
    }

    /**
     * A request whose response never starts (Quarkus REST drops the response of a connection that closed while
     * the resource method ran) is released after SynthesisService's 10 s, and can no longer be streamed.
     */
    @Test
    void anAcceptedRequestNeverStreamedIsReleased() throws InterruptedException {
        int before = admission.pieces();
        SynthesisService.Accepted a = synthesis.accept(SynthesisRequest.of(LINE1 + "\n" + LINE2), "test");
        assertEquals(before + 2, admission.pieces());
        long t0 = System.nanoTime();
        while (admission.pieces() > before && System.nanoTime() - t0 < 20_000_000_000L) {
            Thread.sleep(100);
        }
        double waited = (System.nanoTime() - t0) / 1e9;
        assertEquals(before, admission.pieces(), "released after " + waited + " s");
        assertTrue(waited > 9, "not before its delay: " + waited + " s");
        assertTrue(a.utterance().cancelled(), "the utterance is closed (voice lease released)");
        synthesis.stream(a).subscribe().withSubscriber(AssertSubscriber.create(1))
                .assertFailedWith(IllegalStateException.class, "already streamed or released");
    }

    @Test
    void aivmxSingleFileVoice() throws Exception {
        Path voices = Path.of(config.modelsDir()).resolve("voices");
        Path tiny;
        try (Stream<Path> s = Files.list(voices)) {
            tiny = s.filter(p -> Files.isRegularFile(p.resolve("config.json"))).findFirst().orElseThrow();
        }
        Path onnx = tiny.resolve("model.onnx");
        Path aivmx = voices.resolve("one-file.aivmx");
        Files.write(aivmx, AivmxFiles.withMetadata(Files.readAllBytes(onnx), Map.of(
                "aivm_manifest", "{}",
                "aivm_hyper_parameters", Files.readString(tiny.resolve("config.json")),
                "aivm_style_vectors", java.util.Base64.getEncoder().encodeToString(
                        Files.readAllBytes(tiny.resolve("style_vectors.npy"))))));
        try {
            given().header("X-Api-Key", CopiedModelsProfile.ADMIN_KEY).post("/models/refresh").then().statusCode(200).body("added", equalTo(List.of("one-file")));
            given().get("/models/info").then().body(containsString("aivmx"));
            byte[] fromFolder = given().contentType(ContentType.JSON)
                    .body("{\"text\":\"" + LINE1 + "\",\"model\":\"" + tiny.getFileName() + "\"," + FIXED + "}")
                    .post("/synthesize").then().statusCode(200).extract().asByteArray();
            byte[] fromAivmx = given().contentType(ContentType.JSON)
                    .body("{\"text\":\"" + LINE1 + "\",\"model\":\"one-file\",\"style\":\"Neutral\"," + FIXED + "}")
                    .post("/synthesize").then().statusCode(200).extract().asByteArray();
            assertEquals(fromFolder.length, fromAivmx.length, "same network, same deterministic length");
        } finally {
            Files.delete(aivmx);
            given().header("X-Api-Key", CopiedModelsProfile.ADMIN_KEY).post("/models/refresh").then().statusCode(200).body("removed", equalTo(List.of("one-file")));
        }
    }
}
