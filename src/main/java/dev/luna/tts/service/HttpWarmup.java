package dev.luna.tts.service;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Beside the voices' warm-up, before readiness, one request over HTTP to the service's own {@value #PATH} on the
 * loopback interface: the HTTP side of a request (the REST layer's routing, body reading and streamed writer, the
 * filters, their JIT) is set up then, and not during the first client's request, whose first byte otherwise came
 * after 41–52 ms instead of 9–21 on two CPU cores (BENCHMARKS.md, 2026-12-02 session 8). It is an ordinary request: it
 * appears in the request metrics. Best effort: when it cannot be made (no plain-HTTP listener on 127.0.0.1, a random
 * port) one WARN line says why and readiness goes on.
 */
@ApplicationScoped
public class HttpWarmup {

    private static final Logger LOG = Logger.getLogger(HttpWarmup.class);
    static final String PATH = "/synthesize";
    /** How long to wait for the HTTP listener when the models were ready before it opened. */
    private static final Duration LISTENER_WAIT = Duration.ofSeconds(3);
    /** quarkus.http.host values that listen on the loopback interface too. */
    private static final java.util.Set<String> LOOPBACK_HOSTS = java.util.Set.of("0.0.0.0", "localhost", "127.0.0.1",
            "::", "[::]", "::1", "[::1]");

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
        String host = ConfigProvider.getConfig().getOptionalValue("quarkus.http.host", String.class).orElse("0.0.0.0");
        if (!LOOPBACK_HOSTS.contains(host.strip())) {
            LOG.warnf("HTTP warm-up skipped: quarkus.http.host is %s, not the loopback interface; the first request sets "
                    + "the HTTP path up", host);
            return -1;
        }
        return send(configuredPort(), config.apiKey(), voice, text, LISTENER_WAIT);
    }

    /**
     * One POST to 127.0.0.1:port, retried while nothing listens there, for up to {@code listenerWait}. HTTP/1.1 over
     * a plain socket: with the JDK's HttpClient (which loads the default SSLContext when it is built) the warm-up took
     * about 260 ms longer on two cores (BENCHMARKS.md, 2026-12-02 session 8).
     */
    static long send(int port, java.util.Optional<String> apiKey, String voice, String text, Duration listenerWait) {
        if (port <= 0) {
            LOG.warnf("HTTP warm-up skipped: the HTTP port is chosen at random; the first request sets the HTTP path up");
            return -1;
        }
        byte[] body = ("{\"text\":" + json(text) + ",\"model\":" + json(voice) + "}").getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n");
        apiKey.filter(k -> !k.isBlank()).ifPresent(k -> head.append("Authorization: Bearer ").append(k).append("\r\n"));
        head.append("\r\n");
        long t0 = System.nanoTime();
        long deadline = t0 + listenerWait.toNanos();
        try {
            while (true) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
                    socket.setSoTimeout(60_000);
                    OutputStream out = socket.getOutputStream();
                    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body);
                    out.flush();
                    InputStream in = socket.getInputStream();
                    String status = statusLine(in);
                    long bytes = in.transferTo(OutputStream.nullOutputStream());   // the server closes after the body
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    if (status.startsWith("HTTP/1.1 200 ")) {
                        LOG.infof("HTTP path warmed by POST %s in %d ms (%d bytes answered)", PATH, ms, bytes);
                        return ms;
                    }
                    LOG.warnf("HTTP warm-up: POST %s on port %d answered '%s'; the first request sets the HTTP path up",
                            PATH, port, status);
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
        }
    }

    /** The response's first line, without its line end. */
    private static String statusLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n' && b.length() < 200; c = in.read()) {
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    /** A JSON string literal (Jackson's escaping). */
    static String json(String s) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }
}
