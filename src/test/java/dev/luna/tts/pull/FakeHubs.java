package dev.luna.tts.pull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for huggingface.co and api.aivis-project.com serving the URL shapes pull uses:
 * {@code /api/models/<repo>/revision/<rev>}, {@code /<repo>/resolve/<rev>/<file>} (LFS files: 302 to
 * a CDN path on another host name, with X-Linked-Etag/X-Linked-Size/X-Repo-Commit; small files:
 * 200 with ETag = git blob sha1), the CDN with Range/206, 401/404 with X-Error-Code, and
 * {@code /v1/aivm-models/<uuid>[/download?model_type=AIVMX]}. The hub is 127.0.0.1, the CDN
 * "localhost" (same server), so a leaked Authorization header would show in {@link #requests}.
 */
final class FakeHubs implements AutoCloseable {

    /** One logged request: method, host header, path+query, Range and Authorization headers. */
    record Request(String method, String host, String path, String range, String authorization) {
    }

    static final class Repo {
        final String commit;
        final Map<String, byte[]> files = new LinkedHashMap<>();
        final Set<String> lfs = ConcurrentHashMap.newKeySet();
        String token;

        Repo(String commit) {
            this.commit = commit;
        }

        Repo file(String path, byte[] bytes, boolean isLfs) {
            files.put(path, bytes);
            if (isLfs) {
                lfs.add(path);
            }
            return this;
        }
    }

    record AivisModel(byte[] bytes, String checksum) {
    }

    final Map<String, Repo> repos = new ConcurrentHashMap<>();
    final Map<String, AivisModel> aivis = new ConcurrentHashMap<>();
    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    /** sha256 → how many more GETs of that blob are cut after half of the body. */
    final Map<String, Integer> cut = new ConcurrentHashMap<>();
    /** sha256 → how many more GETs of that blob go silent after half of the body (for 5 s, then cut). */
    final Map<String, Integer> stall = new ConcurrentHashMap<>();
    /** Set when a silent answer's 5 s are over. */
    final java.util.concurrent.atomic.AtomicBoolean stallEnded = new java.util.concurrent.atomic.AtomicBoolean();
    /** repo path → sha256 advertised instead of the real one. */
    final Map<String, String> lie = new ConcurrentHashMap<>();
    final Set<String> private401 = ConcurrentHashMap.newKeySet();
    /** old repo id → new one: the Hub answers 307 with a relative Location (a renamed repo). */
    final Map<String, String> renamed = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newCachedThreadPool();

    FakeHubs() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        // several threads: a stalled answer must not block the client's next (resuming) request
        server.setExecutor(executor);
        server.start();
    }

    String hubUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String aivisUrl() {
        return hubUrl() + "/v1";
    }

    private String cdnUrl(String sha) {
        return "http://localhost:" + server.getAddress().getPort() + "/cdn/" + sha;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String gitBlobSha1(byte[] b) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            md.update(("blob " + b.length + "\0").getBytes(StandardCharsets.US_ASCII));
            md.update(b);
            return HexFormat.of().formatHex(md.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    Repo repo(String id, String commit) {
        Repo r = new Repo(commit);
        repos.put(id, r);
        return r;
    }

    long count(String method, String pathPart) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().contains(pathPart)).count();
    }

    private static final Pattern API = Pattern.compile("/api/models/([^/]+/[^/]+)/revision/(.+)");
    private static final Pattern RESOLVE = Pattern.compile("/([^/]+/[^/]+)/resolve/([^/]+)/(.+)");
    private static final Pattern AIVIS = Pattern.compile("/v1/aivm-models/([0-9a-f-]{36})(/download)?");

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String query = ex.getRequestURI().getRawQuery();
        requests.add(new Request(ex.getRequestMethod(), ex.getRequestHeaders().getFirst("Host"),
                path + (query != null ? "?" + query : ""), ex.getRequestHeaders().getFirst("Range"),
                ex.getRequestHeaders().getFirst("Authorization")));
        try (ex) {
            Matcher m;
            if (path.startsWith("/cdn/")) {
                cdn(ex, path.substring(5));
            } else if ((m = API.matcher(path)).matches() && renamed.containsKey(m.group(1))) {
                send(ex, 307, Map.of("Location", path.replace(m.group(1), renamed.get(m.group(1)))), new byte[0]);
            } else if ((m = RESOLVE.matcher(path)).matches() && renamed.containsKey(m.group(1))) {
                send(ex, 307, Map.of("Location", path.replace(m.group(1), renamed.get(m.group(1)))), new byte[0]);
            } else if ((m = API.matcher(path)).matches()) {
                api(ex, m.group(1), java.net.URLDecoder.decode(m.group(2), StandardCharsets.UTF_8));
            } else if ((m = RESOLVE.matcher(path)).matches()) {
                resolve(ex, m.group(1), m.group(2), m.group(3));
            } else if ((m = AIVIS.matcher(path)).matches()) {
                aivis(ex, m.group(1), m.group(2) != null, query);
            } else {
                send(ex, 404, Map.of(), new byte[0]);
            }
        }
    }

    /** HF's answer before any content: null when allowed, else the status it would give. */
    private Integer denied(HttpExchange ex, String repoId, Repo repo) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (repo == null) {
            // Without a valid token the Hub cannot tell "private" from "missing": 401 RepoNotFound.
            sendError(ex, auth == null ? 401 : 404, "RepoNotFound", "Repository not found");
            return 1;
        }
        if (repo.token != null && !("Bearer " + repo.token).equals(auth)) {
            sendError(ex, 401, "RepoNotFound", "Invalid credentials in Authorization header");
            return 1;
        }
        return null;
    }

    private void api(HttpExchange ex, String repoId, String rev) throws IOException {
        Repo repo = repos.get(repoId);
        if (denied(ex, repoId, repo) != null) {
            return;
        }
        if (!rev.equals("main") && !rev.equals(repo.commit)) {
            sendError(ex, 404, "RevisionNotFound", "Invalid rev id: " + rev);
            return;
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("id", repoId).put("sha", repo.commit);
        ArrayNode sib = root.putArray("siblings");
        repo.files.keySet().forEach(f -> sib.addObject().put("rfilename", f));
        send(ex, 200, Map.of("Content-Type", "application/json"), json.writeValueAsBytes(root));
    }

    private void resolve(HttpExchange ex, String repoId, String rev, String file) throws IOException {
        Repo repo = repos.get(repoId);
        if (denied(ex, repoId, repo) != null) {
            return;
        }
        if (!rev.equals("main") && !rev.equals(repo.commit)) {
            sendError(ex, 404, "RevisionNotFound", "Invalid rev id: " + rev);
            return;
        }
        byte[] b = repo.files.get(file);
        if (b == null) {
            sendError(ex, 404, "EntryNotFound", file + " does not exist on \"" + rev + "\"");
            return;
        }
        String sha = sha256(b);
        blobs.put(sha, b);
        if (repo.lfs.contains(file)) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Location", cdnUrl(sha));
            h.put("X-Linked-Etag", "\"" + lie.getOrDefault(file, sha) + "\"");
            h.put("X-Linked-Size", Long.toString(b.length));
            h.put("X-Repo-Commit", repo.commit);
            h.put("ETag", "W/\"" + gitBlobSha1(b).substring(0, 20) + "\"");
            send(ex, 302, h, new byte[0]);
        } else {
            serve(ex, b, Map.of("ETag", "\"" + gitBlobSha1(b) + "\"", "X-Repo-Commit", repo.commit), null);
        }
    }

    private void aivis(HttpExchange ex, String uuid, boolean download, String query) throws IOException {
        if (private401.contains(uuid)) {
            send(ex, 401, Map.of(), "{\"detail\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        AivisModel model = aivis.get(uuid);
        if (model == null) {
            send(ex, 404, Map.of(), "{\"detail\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String sha = sha256(model.bytes());
        blobs.put(sha, model.bytes());
        if (download) {
            if (!"model_type=AIVMX".equals(query)) {
                send(ex, 422, Map.of(), new byte[0]);
                return;
            }
            send(ex, 302, Map.of("Location", cdnUrl(sha)), new byte[0]);
            return;
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("aivm_model_uuid", uuid).put("name", "テスト");
        ArrayNode files = root.putArray("model_files");
        files.addObject().put("aivm_model_uuid", uuid).put("model_type", "AIVM").put("version", "1.0.0")
                .put("file_size", 999).put("checksum", "0").put("license_type", "ACML 1.0");
        files.addObject().put("aivm_model_uuid", uuid).put("model_type", "AIVMX").put("version", "1.0.0")
                .put("file_size", model.bytes().length).put("checksum", model.checksum())
                .put("license_type", "ACML 1.0");
        send(ex, 200, Map.of("Content-Type", "application/json"), json.writeValueAsBytes(root));
    }

    private void cdn(HttpExchange ex, String sha) throws IOException {
        byte[] b = blobs.get(sha);
        if (b == null) {
            send(ex, 404, Map.of(), new byte[0]);
            return;
        }
        serve(ex, b, Map.of("Accept-Ranges", "bytes"), sha);
    }

    /** 200, or 206 for "Range: bytes=N-"; cuts the connection mid-body while cut[sha] > 0. */
    private void serve(HttpExchange ex, byte[] b, Map<String, String> headers, String sha) throws IOException {
        String range = ex.getRequestHeaders().getFirst("Range");
        int from = 0;
        int status = 200;
        Map<String, String> h = new LinkedHashMap<>(headers);
        if (range != null) {
            Matcher m = Pattern.compile("bytes=(\\d+)-").matcher(range);
            if (!m.matches()) {
                send(ex, 416, Map.of(), new byte[0]);
                return;
            }
            from = Integer.parseInt(m.group(1));
            if (from >= b.length) {
                send(ex, 416, Map.of("Content-Range", "bytes */" + b.length), new byte[0]);
                return;
            }
            status = 206;
            h.put("Content-Range", "bytes " + from + "-" + (b.length - 1) + "/" + b.length);
        }
        h.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        int len = b.length - from;
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseHeaders().set("Content-Length", Integer.toString(len));
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, len);
        OutputStream out = ex.getResponseBody();
        if (sha != null && cut.getOrDefault(sha, 0) > 0) {
            cut.merge(sha, -1, Integer::sum);
            out.write(b, from, len / 2);
            out.flush();
            // the client reads the half before the close: a close with bytes still in flight can become a reset
            // that drops some of them, and the tests count exactly what arrived before the cut
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // An exception out of the handler makes the JDK server close the connection mid-body.
            throw new IOException("cut on purpose");
        }
        if (sha != null && stall.getOrDefault(sha, 0) > 0) {
            stall.merge(sha, -1, Integer::sum);
            out.write(b, from, len / 2);
            out.flush();
            try {
                Thread.sleep(5000);
                stallEnded.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("stalled on purpose");
        }
        out.write(b, from, len);
    }

    private static void sendError(HttpExchange ex, int status, String code, String message) throws IOException {
        send(ex, status, Map.of("X-Error-Code", code, "X-Error-Message", message),
                ("{\"error\":\"" + message.replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
