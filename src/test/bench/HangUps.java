import dev.luna.tts.api.ChunkedClient;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

/**
 * Clients that leave early, against a running service: {@code header} mode posts a 40-line /synthesize, reads the
 * status line, the headers and the first chunk (the WAV header) and closes; {@code reset} mode posts a 10-line one
 * and resets the connection (SO_LINGER 0) as soon as the body is sent. After the last one it waits past the
 * service's 10 s release of requests whose response never started, then prints the request gauges and outcome
 * counters, and the status of one normal request. Nothing may stay in flight, and that request must get 200.
 * <p>
 * Usage: {@code java -cp target/test-classes src/test/bench/HangUps.java PORT MANAGEMENT_PORT header|reset COUNT}
 * (header mode is the tests' {@code ChunkedClient.postAndHangUp}). BENCHMARKS.md ran it
 * against {@code taskset -c 0 java -jar target/quarkus-app/quarkus-run.jar} (one core widens the races).
 */
public class HangUps {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int management = Integer.parseInt(args[1]);
        boolean header = args[2].equals("header");
        int count = Integer.parseInt(args[3]);
        String text = String.join("\\n", Collections.nCopies(header ? 40 : 10, "今日はいい天気ですね。"));
        String json = "{\"text\":\"" + text + "\"}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        int refused = 0;
        for (int i = 0; i < count; i++) {
            if (header) {
                if (ChunkedClient.postAndHangUp(port, "/synthesize", json) != 200) {
                    refused++;   // not streamed: nothing to hang up on
                }
            } else {
                try (Socket s = new Socket("localhost", port)) {
                    OutputStream out = s.getOutputStream();
                    out.write(("POST /synthesize HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                    s.setSoLinger(true, 0);
                }
            }
            Thread.sleep(header ? 300 : 20);
        }
        if (header) {
            System.out.println(refused + " of " + count + " requests were not streamed (refused)");
        }
        Thread.sleep(11_000);
        HttpClient http = HttpClient.newHttpClient();
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + management + "/q/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        metrics.lines().filter(l -> l.startsWith("luna_tts_inflight_requests") || l.startsWith("luna_tts_queued_requests")
                || l.startsWith("luna_tts_request_seconds_count{endpoint=\"synthesize\"")).forEach(System.out::println);
        int status = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/synthesize"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"こんにちは\"}")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        System.out.println("a normal request afterwards: " + status);
    }
}
