package dev.luna.tts.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request HttpWarmup makes to the service's own /synthesize before readiness, against a stand-in listener. */
class HttpWarmupTest {

    record Seen(String method, String path, String contentType, String authorization, String body) {
    }

    HttpServer server;
    final List<Seen> seen = new ArrayList<>();

    int listen(int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().getPath(),
                    ex.getRequestHeaders().getFirst("Content-Type"), ex.getRequestHeaders().getFirst("Authorization"),
                    new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] wav = "RIFF....WAVE".getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(status, wav.length);
            ex.getResponseBody().write(wav);
            ex.close();
        });
        server.start();
        return server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void postsTheTextAndVoiceAsJsonWithTheApiKey() throws Exception {
        int port = listen(200);
        String voice = "tiny \"quoted\" \\ voice";
        long ms = HttpWarmup.send(port, Optional.of("k-123"), voice, "テスト。\n", Duration.ofSeconds(1));
        assertTrue(ms >= 0, "a 200 answer is a warm path: " + ms);
        assertEquals(1, seen.size());
        Seen s = seen.get(0);
        assertEquals("POST", s.method());
        assertEquals("/synthesize", s.path());
        assertEquals("application/json", s.contentType());
        assertEquals("Bearer k-123", s.authorization());
        JsonNode body = new ObjectMapper().readTree(s.body());
        assertEquals("テスト。\n", body.get("text").asText());
        assertEquals(voice, body.get("model").asText());
    }

    @Test
    void noApiKeyNoHeaderAndAnErrorAnswerIsNotAWarmPath() throws Exception {
        int port = listen(503);
        assertEquals(-1, HttpWarmup.send(port, Optional.empty(), "tiny", "テスト。", Duration.ofSeconds(1)));
        assertNull(seen.get(0).authorization());
        assertEquals(-1, HttpWarmup.send(port, Optional.of(" "), "tiny", "テスト。", Duration.ofSeconds(1)));
        assertNull(seen.get(1).authorization(), "a blank key is no key");
    }

    @Test
    void nothingListeningGivesUpAfterTheWaitAndARandomPortIsSkipped() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        assertEquals(-1, HttpWarmup.send(free, Optional.empty(), "tiny", "テスト。", Duration.ofMillis(300)));
        long waited = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(waited >= 300 && waited < 5_000, "retried for the wait, then gave up: " + waited + " ms");
        assertEquals(-1, HttpWarmup.send(0, Optional.empty(), "tiny", "テスト。", Duration.ofSeconds(1)));
    }
}
