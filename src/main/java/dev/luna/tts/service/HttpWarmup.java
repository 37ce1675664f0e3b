package dev.luna.tts.service;

import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * After the voices' warm-up and before readiness, one request over HTTP to the service's own {@value #PATH} on the
 * loopback interface: the HTTP side of a request (the REST layer's routing, body reading and streamed writer, the
 * filters, the WAV writer, their JIT) is set up then, and not during the first client's request, which otherwise took
 * about twice the steady median on an H200 and on the CPU (BENCHMARKS.md, 2026-12-02 session 8). It is an ordinary
 * request: it appears in the request metrics. Best effort: when it cannot be made (no plain-HTTP listener on
 * 127.0.0.1, a random port) one WARN line says why and readiness goes on.
 */
@ApplicationScoped
public class HttpWarmup {

    private static final Logger LOG = Logger.getLogger(HttpWarmup.class);
    static final String PATH = "/synthesize";
    /** How long to wait for the HTTP listener when the models were ready before it. */
    private static final Duration LISTENER_WAIT = Duration.ofSeconds(10);

    private final LunaConfig config;

    public HttpWarmup(LunaConfig config) {
        this.config = config;
    }

    /** The port this process's HTTP listener was configured with (the test port under tests), or 0 if random. */
    static int configuredPort() {
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        return ConfigProvider.getConfig().getOptionalValue(key, Integer.class)
                .orElse(LaunchMode.current() == LaunchMode.TEST ? 8081 : 8080);
    }

    /** @return the request's time in ms, or -1 when it was not made or did not succeed (logged) */
    public long run(String voice, String text) {
        return send(configuredPort(), config.apiKey(), voice, text, LISTENER_WAIT);
    }

    /** One POST to 127.0.0.1:port, retried while nothing listens there, for up to {@code listenerWait}. */
    static long send(int port, java.util.Optional<String> apiKey, String voice, String text, Duration listenerWait) {
        if (port <= 0) {
            LOG.warnf("HTTP warm-up skipped: the HTTP port is chosen at random; the first request sets the HTTP path up");
            return -1;
        }
        URI uri = URI.create("http://127.0.0.1:" + port + PATH);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":" + json(text) + ",\"model\":" + json(voice) + "}"));
        apiKey.filter(k -> !k.isBlank()).ifPresent(k -> request.header("Authorization", "Bearer " + k));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long t0 = System.nanoTime();
        long deadline = t0 + listenerWait.toNanos();
        try {
            while (true) {
                try {
                    HttpResponse<byte[]> r = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    if (r.statusCode() == 200) {
                        LOG.infof("HTTP path warmed by POST %s in %d ms (%d bytes of audio)", PATH, ms, r.body().length);
                        return ms;
                    }
                    LOG.warnf("HTTP warm-up: POST %s on port %d answered %d; the first request sets the HTTP path up",
                            PATH, port, r.statusCode());
                    return -1;
                } catch (ConnectException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(20);   // the listener is not open yet
                }
            }
        } catch (IOException e) {
            LOG.warnf("HTTP warm-up: POST %s on 127.0.0.1:%d failed (%s); the first request sets the HTTP path up",
                    PATH, port, e.getClass().getSimpleName());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } finally {
            client.close();
        }
    }

    /** A JSON string literal. */
    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
