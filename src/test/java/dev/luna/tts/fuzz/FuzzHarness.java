package dev.luna.tts.fuzz;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Hostile-request fuzz harness for a started luna-tts (issue #13, item 9). JDK only:
 * <pre>
 *   java dev/luna/tts/fuzz/*.java ... or, compiled:
 *   java -cp DIR dev.luna.tts.fuzz.FuzzHarness --base http://127.0.0.1:8080 --seed 13 --count 2000 \
 *        [--concurrency 4] [--timeout-ms 60000] [--out target/fuzz] [--only INDEX] [--known FILE]
 *   java -cp DIR dev.luna.tts.fuzz.FuzzHarness --base http://127.0.0.1:8080 --replay target/fuzz/case-17.http
 * </pre>
 * Sends {@code count} seeded requests with bounded concurrency, records per endpoint the status
 * counts, dropped connections, timeouts and broken bodies; saves every finding's request bytes
 * to {@code out/case-N.http} (and the answer to {@code case-N.txt}); afterwards checks
 * {@code /q/health/ready} and one normal synthesis; prints a table. Exit status 1 on any 5xx other
 * than 503 with Retry-After, any dropped connection or timeout on a complete request, any 200
 * whose body is cut or malformed, or a failed check afterwards; 2 on bad arguments. With
 * {@code --known FILE}, findings that match a line of FILE ({@link KnownFinding}) are listed as known
 * open findings and do not fail the run; every other finding does.
 * Only loopback addresses are accepted as the target.
 */
public final class FuzzHarness {

    /** One request's verdict. */
    record Verdict(FuzzCase c, RawHttp.Result result, String finding) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                usage("unexpected argument " + args[i]);
            }
            a.put(args[i].substring(2), args[i + 1]);
        }
        if (args.length % 2 != 0) {
            usage("every option takes a value");
        }
        URI base = URI.create(a.getOrDefault("base", "http://127.0.0.1:8080"));
        String host = base.getHost();
        if (!"http".equals(base.getScheme()) || host == null
                || !(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1"))) {
            usage("--base must be http://127.0.0.1:PORT (loopback only), got " + base);
        }
        if (host.equals("localhost")) {
            host = "127.0.0.1";
        }
        int port = base.getPort() < 0 ? 80 : base.getPort();
        int timeout = Integer.parseInt(a.getOrDefault("timeout-ms", "60000"));
        RawHttp http = new RawHttp(host, port, timeout);
        Path out = Path.of(a.getOrDefault("out", "target/fuzz"));
        Files.createDirectories(out);

        if (a.containsKey("replay")) {
            byte[] req = Files.readAllBytes(Path.of(a.get("replay")));
            RawHttp.Result r = http.exchange(req, startsWith(req, "HEAD "), false, 0);
            System.out.println(describe(r));
            System.exit(r.outcome() == RawHttp.Outcome.RESPONSE && (r.status() < 500 || r.status() == 503) ? 0 : 1);
        }

        long seed = Long.parseLong(a.getOrDefault("seed", "13"));
        int count = Integer.parseInt(a.getOrDefault("count", "2000"));
        int concurrency = Integer.parseInt(a.getOrDefault("concurrency", "4"));
        int waitIncomplete = Integer.parseInt(a.getOrDefault("incomplete-wait-ms", "1500"));
        RequestGenerator gen = new RequestGenerator(seed, host + ":" + port);
        List<Integer> indices = new ArrayList<>();
        if (a.containsKey("only")) {
            indices.add(Integer.parseInt(a.get("only")));
        } else {
            for (int i = 0; i < count; i++) {
                indices.add(i);
            }
        }

        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<Verdict>> futures = new ArrayList<>();
        for (int i : indices) {
            futures.add(pool.submit(() -> {
                FuzzCase c = gen.generate(i);
                RawHttp.Result r = http.exchange(c.request(), c.head(), c.incomplete(), waitIncomplete);
                return new Verdict(c, r, judge(c, r));
            }));
        }
        List<Verdict> verdicts = new ArrayList<>();
        int done = 0;
        for (Future<Verdict> f : futures) {
            Verdict v = f.get();
            verdicts.add(v);
            if (v.finding() != null) {
                save(out, v);
            }
            if (++done % 500 == 0) {
                System.out.printf("  %d/%d requests, %.0f s%n", done, indices.size(), (System.nanoTime() - t0) / 1e9);
            }
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - t0) / 1e9;

        List<String> afterwards = afterwards(http, host + ":" + port);
        List<KnownFinding> known = a.containsKey("known") ? KnownFinding.read(Path.of(a.get("known"))) : List.of();
        int findings = report(verdicts, seed, seconds, out, known, a.containsKey("unnamed-4xx"));
        if (!afterwards.isEmpty()) {
            System.out.println("AFTERWARDS FAILED:");
            afterwards.forEach(s -> System.out.println("  " + s));
        } else {
            System.out.println("afterwards: /q/health/ready 200 UP and a normal synthesis 200 with audio");
        }
        System.exit(findings == 0 && afterwards.isEmpty() ? 0 : 1);
    }

    /** Null when the answer is acceptable, else what is wrong with it. */
    static String judge(FuzzCase c, RawHttp.Result r) {
        switch (r.outcome()) {
            case DROPPED, TIMEOUT -> {
                if (c.incomplete()) {
                    return null;   // the request never ended: closing without an answer is allowed
                }
                return r.outcome() == RawHttp.Outcome.DROPPED ? "dropped: " + r.detail() : "timeout: " + r.detail();
            }
            case GARBLED -> {
                return null;   // reported in the table (a quirk of the answer, not a missing one)
            }
            case TRUNCATED -> {
                return "HTTP " + r.status() + " then the body broke: " + r.detail();
            }
            default -> {
            }
        }
        int s = r.status();
        if (s >= 500) {
            if (s == 503 && r.header("retry-after") != null) {
                return null;
            }
            return "HTTP " + s + (s == 503 ? " without Retry-After" : "");
        }
        if (s == 200) {
            return checkBody(c, r);
        }
        return null;
    }

    private static String checkBody(FuzzCase c, RawHttp.Result r) {
        byte[] b = r.bodyHead();
        switch (c.body()) {
            case WAV_STREAM -> {
                if (!isWav(r)) {
                    return pcmOrWav(r);
                }
                if (!startsWith(b, "RIFF")) {
                    return "200 audio/wav body does not start with RIFF";
                }
                if (r.bodyLength() <= 44 || (r.bodyLength() - 44) % 2 != 0) {
                    return "200 WAV with " + r.bodyLength() + " bytes (no samples or odd PCM length)";
                }
            }
            case PCM -> {
                if (r.bodyLength() == 0 || r.bodyLength() % 2 != 0) {
                    return "200 PCM with " + r.bodyLength() + " bytes";
                }
            }
            case WAV_COMPLETE -> {
                if (!startsWith(b, "RIFF") || b.length < 44) {
                    return "200 /voice body is not a WAV";
                }
                ByteBuffer h = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                long riff = h.getInt(4) & 0xFFFFFFFFL;
                long data = h.getInt(40) & 0xFFFFFFFFL;
                if (riff != r.bodyLength() - 8 || data != r.bodyLength() - 44) {
                    return "200 /voice WAV sizes " + riff + "/" + data + " for " + r.bodyLength() + " bytes";
                }
            }
            case JSON -> {
                String t = r.bodyText().strip();
                if (!t.startsWith("{")) {
                    return "200 body is not a JSON object";
                }
            }
            default -> {
            }
        }
        return null;
    }

    private static boolean isWav(RawHttp.Result r) {
        String ct = r.header("content-type");
        return ct == null || ct.startsWith("audio/wav");
    }

    private static String pcmOrWav(RawHttp.Result r) {
        String ct = r.header("content-type");
        if (ct != null && ct.startsWith("audio/L16")) {
            return r.bodyLength() > 0 && r.bodyLength() % 2 == 0 ? null : "200 PCM with " + r.bodyLength() + " bytes";
        }
        return "200 with content type " + ct;
    }

    /** Readiness and one ordinary synthesis after the storm. */
    private static List<String> afterwards(RawHttp http, String hostPort) {
        List<String> problems = new ArrayList<>();
        RawHttp.Result ready = http.exchange(("GET /q/health/ready HTTP/1.1\r\nHost: " + hostPort
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII), false, false, 0);
        if (ready.outcome() != RawHttp.Outcome.RESPONSE || ready.status() != 200 || !ready.bodyText().contains("UP")) {
            problems.add("/q/health/ready: " + describe(ready));
        }
        byte[] body = "{\"text\":\"こんにちは、今日は良い天気ですね。\",\"style\":\"Neutral\"}".getBytes(StandardCharsets.UTF_8);
        byte[] req = concat(("POST /synthesize HTTP/1.1\r\nHost: " + hostPort + "\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), body);
        RawHttp.Result synth = http.exchange(req, false, false, 0);
        boolean sound = false;
        byte[] b = synth.bodyHead();
        for (int i = 44; i + 1 < b.length; i += 2) {
            sound |= b[i] != 0 || b[i + 1] != 0;
        }
        if (synth.outcome() != RawHttp.Outcome.RESPONSE || synth.status() != 200 || !startsWith(b, "RIFF")
                || synth.bodyLength() < 44 + 2 * 4410 || !sound) {
            problems.add("POST /synthesize: " + describe(synth) + ", " + synth.bodyLength() + " bytes, samples non-zero: " + sound);
        }
        return problems;
    }

    private static int report(List<Verdict> verdicts, long seed, double seconds, Path out, List<KnownFinding> known,
                              boolean a4xxDetail) {
        Map<String, Map<String, Integer>> statuses = new TreeMap<>();
        Map<String, int[]> columns = new TreeMap<>();   // requests, 5xx, dropped, timeouts, broken, 503+RA, 4xx w/o field, ms
        Map<String, List<Verdict>> findingsByCause = new TreeMap<>();
        for (Verdict v : verdicts) {
            String ep = v.c().endpoint();
            RawHttp.Result r = v.result();
            String key = switch (r.outcome()) {
                case RESPONSE -> Integer.toString(r.status());
                case TRUNCATED -> r.status() + "-cut";
                default -> r.outcome().name().toLowerCase();
            };
            statuses.computeIfAbsent(ep, k -> new TreeMap<>()).merge(key, 1, Integer::sum);
            int[] col = columns.computeIfAbsent(ep, k -> new int[8]);
            col[0]++;
            col[7] += (int) r.millis();
            if (r.outcome() == RawHttp.Outcome.RESPONSE && r.status() >= 500 && v.finding() != null) {
                col[1]++;
            }
            if (r.outcome() == RawHttp.Outcome.DROPPED && !v.c().incomplete()) {
                col[2]++;
            }
            if (r.outcome() == RawHttp.Outcome.TIMEOUT && !v.c().incomplete()) {
                col[3]++;
            }
            if (r.outcome() == RawHttp.Outcome.TRUNCATED
                    || (r.outcome() == RawHttp.Outcome.RESPONSE && r.status() == 200 && v.finding() != null)) {
                col[4]++;
            }
            if (r.outcome() == RawHttp.Outcome.RESPONSE && r.status() == 503 && v.finding() == null) {
                col[5]++;
            }
            if (r.outcome() == RawHttp.Outcome.RESPONSE && r.status() >= 400 && r.status() < 500 && !namesField(v)) {
                col[6]++;
            }
            if (v.finding() != null) {
                String cause = ep + " | " + v.c().kind() + " | " + v.finding().replaceAll("[0-9]+ bytes", "N bytes")
                        .replaceAll("[0-9]+ ms", "N ms");
                findingsByCause.computeIfAbsent(cause, k -> new ArrayList<>()).add(v);
            }
        }
        System.out.printf("%nluna-tts fuzz: seed %d, %d requests in %.1f s%n", seed, verdicts.size(), seconds);
        System.out.printf("%-22s %6s %5s %7s %7s %6s %7s %11s %7s  %s%n", "endpoint", "reqs", "5xx", "dropped", "timeout",
                "broken", "503+RA", "4xx-unnamed", "time s", "status counts");
        int[] total = new int[8];
        for (Map.Entry<String, int[]> e : columns.entrySet()) {
            int[] c = e.getValue();
            for (int i = 0; i < c.length; i++) {
                total[i] += c[i];
            }
            System.out.printf("%-22s %6d %5d %7d %7d %6d %7d %11d %7.1f  %s%n", e.getKey(), c[0], c[1], c[2], c[3], c[4],
                    c[5], c[6], c[7] / 1000.0, statuses.get(e.getKey()));
        }
        System.out.printf("%-22s %6d %5d %7d %7d %6d %7d %11d %7.1f%n", "total", total[0], total[1], total[2], total[3],
                total[4], total[5], total[6], total[7] / 1000.0);
        System.out.println("(broken: a 200 whose body was cut or malformed; 4xx-unnamed: a 4xx whose body names no field;"
                + " time s: summed request time)");
        List<Verdict> slowest = new ArrayList<>(verdicts);
        slowest.sort((x, y) -> Long.compare(y.result().millis(), x.result().millis()));
        System.out.println("slowest:");
        slowest.stream().limit(5).forEach(v -> System.out.printf("  %6d ms  case %d %s | %s -> %s%n", v.result().millis(),
                v.c().index(), v.c().endpoint(), v.c().kind(), v.result().outcome() == RawHttp.Outcome.RESPONSE
                        ? Integer.toString(v.result().status()) : v.result().outcome().toString()));
        Map<String, List<Verdict>> unnamed = new TreeMap<>();
        for (Verdict v : verdicts) {
            RawHttp.Result r = v.result();
            if (r.outcome() == RawHttp.Outcome.RESPONSE && r.status() >= 400 && r.status() < 500 && !namesField(v)) {
                String ct = r.header("content-type");
                unnamed.computeIfAbsent(v.c().endpoint() + " | " + v.c().kind() + " | " + r.status() + " "
                        + (ct == null ? "(no type)" : ct.split(";")[0]) + (r.bodyLength() == 0 ? ", empty" : ""),
                        k -> new ArrayList<>()).add(v);
            }
        }
        if (a4xxDetail && !unnamed.isEmpty()) {
            System.out.println("4xx answers that name no field (endpoint | kind | status type), first case:");
            unnamed.forEach((k, vs) -> System.out.printf("  %4d × %s  (case %d)%n", vs.size(), k, vs.get(0).c().index()));
        }
        Map<String, List<Verdict>> odd = new TreeMap<>();
        for (Verdict v : verdicts) {
            String line = v.result().statusLine();
            if (v.result().status() > 0 && !line.startsWith("HTTP/1.1 ") && !line.startsWith("HTTP/1.0 ")) {
                odd.computeIfAbsent(line.split(" ")[0], k -> new ArrayList<>()).add(v);
            }
        }
        odd.forEach((version, vs) -> System.out.printf("note: %d answer(s) with status line version %s (the request's"
                + " version echoed), e.g. case %d%n", vs.size(), version, vs.get(0).c().index()));
        int findings = 0;
        Map<KnownFinding, Integer> knownSeen = new java.util.LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, List<Verdict>> e : findingsByCause.entrySet()) {
            Verdict first = e.getValue().get(0);
            String line = String.format("  %4d × %s%n         e.g. case %d (%s)", e.getValue().size(), e.getKey(),
                    first.c().index(), out.resolve("case-" + first.c().index() + ".http"));
            KnownFinding k = known.stream().filter(kf -> kf.matches(first.c().endpoint(), first.c().kind(), first.finding()))
                    .findFirst().orElse(null);
            if (k == null) {
                findings += e.getValue().size();
                unknown.add(line);
            } else {
                knownSeen.merge(k, e.getValue().size(), Integer::sum);
            }
        }
        if (!knownSeen.isEmpty()) {
            System.out.println("\nKNOWN OPEN FINDINGS (from the --known list; still to be fixed):");
            knownSeen.forEach((k, n) -> System.out.printf("  %4d × %s%n         cause: %s%n", n, k.pattern(), k.cause()));
        }
        known.stream().filter(k -> !knownSeen.containsKey(k)).forEach(k ->
                System.out.println("known finding not seen in this run (fixed? then delete its line): " + k.pattern()));
        if (!unknown.isEmpty()) {
            System.out.println("\nFINDINGS (endpoint | kind | what), with the first case; requests saved under " + out + ":");
            unknown.forEach(System.out::println);
        }
        System.out.printf("%n%d finding(s)%s%n", findings, knownSeen.isEmpty() ? ""
                : ", " + knownSeen.values().stream().mapToInt(Integer::intValue).sum() + " known");
        return findings;
    }

    /** A 4xx whose JSON body names the offending field ("field" or SBV2's "loc"). */
    private static boolean namesField(Verdict v) {
        String t = v.result().bodyText();
        return t.contains("\"field\"") || t.contains("\"loc\"");
    }

    private static void save(Path out, Verdict v) throws IOException {
        Files.write(out.resolve("case-" + v.c().index() + ".http"), v.c().request());
        String text = "case " + v.c().index() + ": " + v.c().endpoint() + " | " + v.c().kind() + "\nfinding: "
                + v.finding() + "\n" + describe(v.result()) + "\n";
        Files.writeString(out.resolve("case-" + v.c().index() + ".txt"), text);
    }

    static String describe(RawHttp.Result r) {
        StringBuilder sb = new StringBuilder(r.outcome() + " status " + r.status() + " in " + r.millis() + " ms");
        if (!r.detail().isEmpty()) {
            sb.append(" (").append(r.detail()).append(')');
        }
        r.headers().forEach((k, v) -> sb.append("\n  ").append(k).append(": ").append(v));
        String body = r.bodyText();
        if (!body.isEmpty() && !startsWith(r.bodyHead(), "RIFF")) {
            sb.append("\n  body: ").append(body, 0, Math.min(body.length(), 1500));
        } else if (r.bodyLength() > 0) {
            sb.append("\n  body: ").append(r.bodyLength()).append(" bytes of audio");
        }
        return sb.toString();
    }

    private static boolean startsWith(byte[] b, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
        if (b.length < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (b[i] != p[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] concat(byte[] x, byte[] y) {
        byte[] out = new byte[x.length + y.length];
        System.arraycopy(x, 0, out, 0, x.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
    }

    private static void usage(String why) {
        System.err.println(why + "\nusage: FuzzHarness --base http://127.0.0.1:PORT [--seed N] [--count N] [--concurrency N]"
                + " [--timeout-ms N] [--incomplete-wait-ms N] [--out DIR] [--only INDEX] [--known FILE] [--unnamed-4xx list] | --replay FILE");
        System.exit(2);
    }
}
