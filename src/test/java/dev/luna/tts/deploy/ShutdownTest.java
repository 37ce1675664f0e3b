package dev.luna.tts.deploy;

import dev.luna.tts.api.CopiedModelsProfile;
import dev.luna.tts.api.RawHttp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM as Kubernetes sends it, on the packaged application (a real process: a test inside Quarkus cannot stop
 * its own server): readiness turns DOWN at once and liveness stays UP, a new synthesis request gets 503 with
 * Connection: close, and a stream that was running when the signal came ends complete; then the process exits.
 *
 * <p>Needs the built application: src/test/scripts/test-30-k8s.sh runs it with -Dluna.app.jar=target/quarkus-app/
 * quarkus-run.jar and -Dluna.ort.natives=(the natives directory); a plain Maven run leaves it disabled.
 */
@EnabledIfSystemProperty(named = "luna.app.jar", matches = ".+")
class ShutdownTest {

    static final String LINE = "今日はいい天気ですね。";

    @Test
    void sigtermDrainsInFlightStreamsAndRefusesNewRequests() throws Exception {
        Path models = CopiedModelsProfile.copy();
        int http = freePort();
        int management = freePort();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + http, "-Dquarkus.management.port=" + management,
                "-Dluna.models-dir=" + models, "-Dluna.provider=cpu", "-Dluna.warmup.enabled=false"));
        String natives = System.getProperty("luna.ort.natives", "");
        if (!natives.isBlank()) {
            cmd.add("-Donnxruntime.native.path=" + natives);
        }
        cmd.addAll(List.of("-jar", System.getProperty("luna.app.jar")));
        Path log = Files.createTempFile("luna-shutdown", ".log");
        Process app = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (status(management, "/q/health/ready") != 200) {
                assertTrue(app.isAlive() && System.nanoTime() < deadline, "not ready: " + Files.readString(log));
                Thread.sleep(250);
            }
            String body = "{\"text\":\"" + String.join("\\n", Collections.nCopies(24, LINE)) + "\"}";
            CountDownLatch firstChunk = new CountDownLatch(1);
            CompletableFuture<int[]> stream = CompletableFuture.supplyAsync(() -> stream(http, body, firstChunk));
            assertTrue(firstChunk.await(60, TimeUnit.SECONDS), "the stream started");

            app.toHandle().destroy();   // SIGTERM
            long t0 = System.nanoTime();
            int ready = 200;
            while (ready == 200 && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3)) {
                ready = status(management, "/q/health/ready");
            }
            assertEquals(503, ready, "readiness DOWN right after SIGTERM");
            assertEquals(200, status(management, "/q/health/live"), "liveness stays UP while draining");
            String json = "{\"text\":\"こんにちは\"}";
            String refused = raw(http, "POST /synthesize HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json);
            assertTrue(refused.startsWith("HTTP/1.1 503"), refused);
            assertTrue(refused.toLowerCase().contains("connection: close"), refused);
            assertTrue(refused.toLowerCase().contains("retry-after:"), refused);

            int[] result = stream.get(120, TimeUnit.SECONDS);
            assertEquals(200, result[0]);
            assertEquals(1, result[1], "the in-flight stream ended with its final chunk");
            // the header, then each of the 24 lines in one or more decoder chunks; the final chunk proves it is whole
            assertTrue(result[2] >= 1 + 24, "WAV header and all 24 lines arrived: " + result[2] + " chunks");
            assertTrue(app.waitFor(90, TimeUnit.SECONDS), "the process exits after the drain");
        } finally {
            app.destroyForcibly();
        }
    }

    /** Streams a request to its end: {status, 1 if the final chunk arrived, number of data chunks}. */
    private static int[] stream(int port, String json, CountDownLatch firstChunk) {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(120_000);
            byte[] b = json.getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write(("POST /synthesize HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                    + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(b);
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            int status = Integer.parseInt(RawHttp.line(in).split(" ")[1]);
            for (String h = RawHttp.line(in); h != null && !h.isEmpty(); h = RawHttp.line(in)) {
                // headers
            }
            int chunks = 0;
            while (true) {
                String size = RawHttp.line(in);
                if (size == null) {
                    return new int[]{status, 0, chunks};
                }
                int n = Integer.parseInt(size.strip(), 16);
                if (n == 0) {
                    return new int[]{status, 1, chunks};
                }
                in.readFully(new byte[n]);
                RawHttp.line(in);
                chunks++;
                firstChunk.countDown();
            }
        } catch (IOException e) {
            return new int[]{-1, 0, -1};
        }
    }

    private static String raw(int port, String request) throws IOException {
        try (Socket s = new Socket("localhost", port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int status(int port, String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://localhost:" + port + path).toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(5000);
            int code = c.getResponseCode();
            c.disconnect();
            return code;
        } catch (IOException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
