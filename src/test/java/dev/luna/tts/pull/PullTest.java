package dev.luna.tts.pull;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.luna.tts.engine.bert.BertFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pull command against a local server with Hugging Face's and AivisHub's URL shapes; no network. */
class PullTest {

    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    static final String BERT = "test/deberta-onnx";
    static final String UUID = "a59cb814-0083-4369-8542-f51a29e72af7";
    static final Path TINY = Path.of("models/bert/tiny");
    /** No waiting between attempts; a body silent for 1 s counts as stalled. */
    static final Downloader.Policy POLICY = new Downloader.Policy(5, java.time.Duration.ZERO, java.time.Duration.ofSeconds(1));

    @TempDir
    Path tmp;
    Path models;
    FakeHubs hubs;
    byte[] graph;
    final Map<String, String> env = new HashMap<>();
    ToLongFunction<Path> space = Downloader::usableSpace;
    String stdout;
    String stderr;

    @BeforeEach
    void start() throws IOException {
        hubs = new FakeHubs();
        models = tmp.resolve("models");
        graph = Files.readAllBytes(TINY.resolve("model.onnx"));
        hubs.repo(BERT, COMMIT)
                .file("model_fp16.onnx", graph, true)
                .file("vocab.txt", Files.readAllBytes(TINY.resolve("vocab.txt")), false)
                .file("tokenizer.json", Files.readAllBytes(TINY.resolve("tokenizer.json")), true)
                .file("tokenizer_config.json", "{\"do_lower_case\": false, \"subword_tokenizer_type\": \"character\"}"
                        .getBytes(StandardCharsets.UTF_8), false)
                .file(".gitattributes", "*.onnx filter=lfs".getBytes(StandardCharsets.UTF_8), false);
    }

    @AfterEach
    void stop() {
        hubs.close();
    }

    int pull(String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of("--models", models.toString()));
        if (!a.contains("--base-url")) {
            a.addAll(List.of("--base-url", args[0].equals("aivishub") ? hubs.aivisUrl() : hubs.hubUrl()));
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc = new Pull(env, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8),
                space, POLICY).run(a.toArray(String[]::new));
        stdout = o.toString(StandardCharsets.UTF_8);
        stderr = e.toString(StandardCharsets.UTF_8);
        return rc;
    }

    /** The one "pull: ..." error line. */
    String error() {
        return stderr.lines().filter(l -> l.startsWith("pull: ")).findFirst().orElse("(no error line) " + stderr);
    }

    List<String> tree() throws IOException {
        if (!Files.exists(models)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(models)) {
            // .pull.lock is the models folder's pull lock (empty, kept like huggingface_hub's .lock files)
            return s.map(p -> models.relativize(p).toString()).filter(p -> !p.isEmpty() && !p.equals(".pull.lock"))
                    .sorted().toList();
        }
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void bertFolderIsInstalledAsSbv2LaysItOutAndLoads() throws IOException {
        assertEquals(0, pull("bert", "--repo", BERT, "--revision", "main"), stderr);
        Path dir = models.resolve("bert/deberta-onnx");
        assertEquals(List.of("bert", "bert/deberta-onnx", "bert/deberta-onnx/.pull.json", "bert/deberta-onnx/model_fp16.onnx",
                "bert/deberta-onnx/tokenizer.json", "bert/deberta-onnx/tokenizer_config.json", "bert/deberta-onnx/vocab.txt"), tree());
        assertArrayEquals(graph, Files.readAllBytes(dir.resolve("model_fp16.onnx")));
        assertArrayEquals(Files.readAllBytes(TINY.resolve("vocab.txt")), Files.readAllBytes(dir.resolve("vocab.txt")));
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve(".pull.json").toFile());
        assertEquals(COMMIT, manifest.path("commit").asText());
        assertEquals(FakeHubs.sha256(graph), manifest.path("files").get(0).path("sha256").asText());
        assertTrue(stdout.contains("installed " + dir + " (" + BERT + "@" + COMMIT + ", model_fp16.onnx)"), stdout);
        // sizes are known for both kinds of file: X-Linked-Size (LFS) and Content-Length of the HEAD (git)
        String at = "@main (" + COMMIT.substring(0, 12) + ")";
        assertTrue(stderr.contains("downloading " + BERT + " model_fp16.onnx" + at + " (" + graph.length + " bytes)"), stderr);
        assertTrue(stderr.contains("downloading " + BERT + " vocab.txt" + at + " (" + Files.size(TINY.resolve("vocab.txt"))
                + " bytes)"), stderr);

        BertFolder folder = BertFolder.resolve(dir, BertFolder.Precision.FP32_FIRST);
        assertEquals(dir.resolve("model_fp16.onnx"), folder.model());
        assertEquals(dir.resolve("vocab.txt"), folder.vocabSource());

        // Files were fetched from the pinned commit, LFS content from the CDN host.
        assertTrue(hubs.requests.stream().filter(r -> r.path().contains("/resolve/")).allMatch(r -> r.path().contains(COMMIT)));
        assertEquals(1, hubs.count("GET", "/cdn/" + FakeHubs.sha256(graph)));

        // Again: present, nothing requested.
        int before = hubs.requests.size();
        assertEquals(0, pull("bert", "--repo", BERT, "--revision", "main"), stderr);
        assertEquals(before, hubs.requests.size());
        assertTrue(stdout.startsWith("present: " + dir), stdout);
    }

    @Test
    void aRenamedRepoIsFollowedThroughTheHubsRelativeRedirects() throws IOException {
        hubs.renamed.put("old/deberta", BERT);
        assertEquals(0, pull("bert", "--repo", "old/deberta", "--name", "deberta"), stderr);
        assertArrayEquals(graph, Files.readAllBytes(models.resolve("bert/deberta/model_fp16.onnx")));
        assertTrue(hubs.requests.stream().anyMatch(r -> r.method().equals("HEAD") && r.path().startsWith("/old/deberta/resolve/")));
    }

    /**
     * Without --repo/--revision, pull bert asks for AivisSpeech's BERT at the pinned commit, and the
     * sha256 pinned in the code must match what the Hub publishes before a byte is downloaded.
     */
    @Test
    void theDefaultBertIsPinnedByRevisionAndSha256() throws IOException {
        hubs.repo(Pull.BERT_REPO, Pull.BERT_REVISION)
                .file("model_fp16.onnx", graph, true)
                .file("vocab.txt", Files.readAllBytes(TINY.resolve("vocab.txt")), false);
        assertEquals(PullException.Kind.CHECKSUM.exitCode, pull("bert"));
        assertEquals("pull: checksum mismatch for " + Pull.BERT_REPO + " model_fp16.onnx@" + Pull.BERT_REVISION.substring(0, 12)
                + ": luna-tts pins sha256 " + Pull.BERT_FP16_SHA256 + ", the Hub publishes " + FakeHubs.sha256(graph)
                + "; nothing downloaded", error());
        assertTrue(hubs.requests.stream().anyMatch(r -> r.path().equals("/api/models/" + Pull.BERT_REPO + "/revision/"
                + Pull.BERT_REVISION)));
        assertEquals(0, hubs.count("GET", "/cdn/"));
        assertEquals(List.of(), tree());
    }

    @Test
    void cutConnectionIsResumedWithRange() throws IOException {
        byte[] big = random(300_000, 1);
        hubs.repos.get(BERT).file("model_fp16.onnx", big, true);
        hubs.cut.put(FakeHubs.sha256(big), 1);
        assertEquals(0, pull("bert", "--repo", BERT), stderr);
        assertArrayEquals(big, Files.readAllBytes(models.resolve("bert/deberta-onnx/model_fp16.onnx")));
        List<FakeHubs.Request> cdn = hubs.requests.stream().filter(r -> r.path().equals("/cdn/" + FakeHubs.sha256(big))).toList();
        assertEquals(2, cdn.size());
        assertNull(cdn.get(0).range());
        // the server sends half (150000 bytes) and closes; the client keeps what reached it, which a reset can make
        // a little less: the resume starts exactly there
        java.util.regex.Matcher cut = java.util.regex.Pattern.compile("connection cut after (\\d+) bytes of model_fp16.onnx")
                .matcher(stderr);
        assertTrue(cut.find(), stderr);
        long got = Long.parseLong(cut.group(1));
        assertTrue(got > 0 && got <= 150_000, "received before the cut: " + got);
        assertEquals("bytes=" + got + "-", cdn.get(1).range());
        assertTrue(stderr.contains("resuming " + BERT + " model_fp16.onnx@main (" + COMMIT.substring(0, 12) + ") at byte " + got), stderr);
        assertFalse(Files.exists(models.resolve(".pull")));
    }

    @Test
    void aStalledConnectionIsAbandonedAndResumed() throws IOException {
        byte[] big = random(100_000, 11);
        hubs.repos.get(BERT).file("model_fp16.onnx", big, true);
        hubs.stall.put(FakeHubs.sha256(big), 1);
        assertEquals(0, pull("bert", "--repo", BERT), stderr);
        assertFalse(hubs.stallEnded.get(), "pull waited for the silent answer to end");
        assertArrayEquals(big, Files.readAllBytes(models.resolve("bert/deberta-onnx/model_fp16.onnx")));
        assertTrue(stderr.contains("connection stalled (no byte for 1 s) after 50000 bytes of model_fp16.onnx"), stderr);
        assertEquals(List.of("bytes=50000-"), hubs.requests.stream().filter(r -> r.path().equals("/cdn/" + FakeHubs.sha256(big))
                && r.range() != null).map(FakeHubs.Request::range).toList());
    }

    @Test
    void aPartLeftByAnEarlierRunIsResumedByTheNext() throws IOException {
        byte[] big = random(200_000, 2);
        hubs.repos.get(BERT).file("model_fp16.onnx", big, true);
        hubs.cut.put(FakeHubs.sha256(big), 5);
        assertEquals(PullException.Kind.NETWORK.exitCode, pull("bert", "--repo", BERT));
        assertTrue(error().startsWith("pull: download of " + BERT + " model_fp16.onnx@main (" + COMMIT.substring(0, 12)
                + ") failed 5 times (last: connection cut after 193750 bytes ("), error());
        assertTrue(error().endsWith("); 193750 bytes are kept in " + models.resolve(".pull/bert-deberta-onnx/model_fp16.onnx.part")
                + " and the next run resumes from there"), error());
        assertFalse(Files.exists(models.resolve("bert/deberta-onnx")), "no model before all files are complete");
        Path part = models.resolve(".pull/bert-deberta-onnx/model_fp16.onnx.part");
        // 100000 + 50000 + 25000 + 12500 + 6250 bytes arrived over the five cut attempts
        assertEquals(193_750, Files.size(part));

        hubs.requests.clear();
        assertEquals(0, pull("bert", "--repo", BERT), stderr);
        assertArrayEquals(big, Files.readAllBytes(models.resolve("bert/deberta-onnx/model_fp16.onnx")));
        assertEquals(List.of("bytes=193750-"), hubs.requests.stream().filter(r -> r.path().equals("/cdn/" + FakeHubs.sha256(big)))
                .map(FakeHubs.Request::range).toList());
    }

    @Test
    void checksumMismatchIsRefusedAndNothingIsLeftBehind() throws IOException {
        String wrong = "ab".repeat(32);
        hubs.lie.put("model_fp16.onnx", wrong);
        assertEquals(PullException.Kind.CHECKSUM.exitCode, pull("bert", "--repo", BERT));
        assertEquals("pull: checksum mismatch for " + BERT + " model_fp16.onnx@main (" + COMMIT.substring(0, 12)
                + "): expected sha256 " + wrong + ", got " + FakeHubs.sha256(graph) + "; partial download deleted", error());
        assertEquals(List.of(), tree());
    }

    @Test
    void notFoundMessagesNameRepoRevisionAndFile() throws IOException {
        env.put("HF_TOKEN", "hf_x");
        assertEquals(6, pull("bert", "--repo", "nobody/nothing"));
        assertEquals("pull: 404: repository nobody/nothing not found on " + hubs.hubUrl()
                + " (Hub says: Repository not found)", error());

        assertEquals(6, pull("bert", "--repo", BERT, "--revision", "v9"));
        assertEquals("pull: 404: no revision v9 in " + BERT + " (Hub says: Invalid rev id: v9)", error());

        hubs.repo("test/voice", COMMIT).file("a/config.json", "{}".getBytes(StandardCharsets.UTF_8), false);
        assertEquals(6, pull("hf-voice", "test/voice", "--path", "a", "--file", "model.onnx"));
        assertEquals("pull: 404: no file model.onnx in test/voice/a@main", error());

        // listed, but the resolve URL answers 404 EntryNotFound
        hubs.repos.get(BERT).files.remove("vocab.txt");
        hubs.repos.get(BERT).files.put("vocab.txt", null);
        assertEquals(6, pull("bert", "--repo", BERT));
        assertEquals("pull: 404: no file vocab.txt in " + BERT + " at revision main (Hub says: vocab.txt does not exist on \""
                + COMMIT + "\")", error());
        assertFalse(Files.exists(models.resolve("bert/deberta-onnx")));
    }

    @Test
    void unauthorizedMessagesNameTheTokenVariable() throws IOException {
        hubs.repos.get(BERT).token = "hf_good";
        assertEquals(5, pull("bert", "--repo", BERT));
        assertEquals("pull: 401 Unauthorized for " + hubs.hubUrl() + "/" + BERT + ": the repository is private or gated"
                + " (or does not exist); set HF_TOKEN to a Hugging Face token that can read it (Hub says: Invalid"
                + " credentials in Authorization header)", error());

        env.put("HF_TOKEN", "hf_bad");
        assertEquals(5, pull("bert", "--repo", BERT));
        assertTrue(error().startsWith("pull: 401 Unauthorized for " + hubs.hubUrl() + "/" + BERT
                + ": the token in HF_TOKEN was not accepted"), error());

        env.put("HF_TOKEN", "hf_good");
        hubs.requests.clear();
        assertEquals(0, pull("bert", "--repo", BERT), stderr);
        // the token goes to the Hub, never to the CDN a redirect points at
        assertTrue(hubs.requests.stream().filter(r -> !r.path().startsWith("/cdn/"))
                .allMatch(r -> "Bearer hf_good".equals(r.authorization())));
        assertTrue(hubs.requests.stream().filter(r -> r.path().startsWith("/cdn/")).allMatch(r -> r.authorization() == null));
        assertTrue(hubs.requests.stream().anyMatch(r -> r.path().startsWith("/cdn/")));
    }

    @Test
    void offlineModeNeverTouchesTheNetwork() throws IOException {
        assertEquals(7, pull("bert", "--repo", BERT, "--offline"));
        assertEquals("pull: offline: " + models.resolve("bert/deberta-onnx") + " is not in the models folder and offline"
                + " mode forbids downloading; run the same pull where the hub is reachable", error());
        env.put("HF_HUB_OFFLINE", "1");
        assertEquals(7, pull("aivishub", UUID));
        assertEquals(7, pull("hf-voice", "test/voice"));
        assertEquals(List.of(), hubs.requests);

        Files.createDirectories(models.resolve("bert/deberta-onnx"));
        assertEquals(0, pull("bert", "--repo", BERT));
        assertEquals(List.of(), hubs.requests);
        assertTrue(stdout.contains("offline: not checked against the source"), stdout);
    }

    @Test
    void aivisHubVoiceIsDownloadedFromTheApiAndVerified() throws IOException {
        byte[] model = random(120_000, 3);
        hubs.aivis.put(UUID, new FakeHubs.AivisModel(model, FakeHubs.sha256(model)));
        hubs.cut.put(FakeHubs.sha256(model), 1);
        assertEquals(0, pull("aivishub", UUID.toUpperCase()), stderr);
        Path target = models.resolve("voices/" + UUID + ".aivmx");
        assertArrayEquals(model, Files.readAllBytes(target));
        assertEquals(List.of("voices", "voices/" + UUID + ".aivmx"), tree());
        assertTrue(hubs.requests.stream().anyMatch(r -> r.path().equals("/v1/aivm-models/" + UUID + "/download?model_type=AIVMX")));
        assertEquals(List.of("bytes=60000-"), hubs.requests.stream().filter(r -> r.path().startsWith("/cdn/") && r.range() != null)
                .map(FakeHubs.Request::range).toList());
        assertTrue(stdout.contains("sha256 verified"), stdout);
        assertTrue(stdout.contains("licence (as AivisHub lists it): ACML 1.0"), stdout);
    }

    @Test
    void aivisHubErrors() throws IOException {
        assertEquals(6, pull("aivishub", UUID));
        assertEquals("pull: 404: no AivisHub model " + UUID + " at " + hubs.aivisUrl() + " (check the UUID on"
                + " https://hub.aivis-project.com/aivm-models/" + UUID + ")", error());
        hubs.private401.add(UUID);
        assertEquals(5, pull("aivishub", UUID));
        assertTrue(error().startsWith("pull: 401 from AivisHub for model " + UUID + ": it cannot be downloaded without an account"), error());
        // AivisHub's own (non-sha256) checksum: the size is still checked
        byte[] model = random(1000, 4);
        hubs.private401.clear();
        hubs.aivis.put(UUID, new FakeHubs.AivisModel(model, "51a69c4218b73218"));
        assertEquals(0, pull("aivishub", UUID, "--name", "mao"), stderr);
        assertTrue(stdout.contains("AivisHub's checksum 51a69c4218b73218 is not a sha256 and was not checked"), stdout);
        assertArrayEquals(model, Files.readAllBytes(models.resolve("voices/mao.aivmx")));
        assertEquals(2, pull("aivishub", "not-a-uuid"));
        assertEquals("pull: not an AivisHub model UUID: not-a-uuid", error());
        assertEquals(2, pull("aivishub", UUID, "--name", "../x"));
    }

    @Test
    void hfVoiceFolderAndAivmx() throws IOException {
        byte[] onnx = random(5000, 5);
        byte[] cuda = random(6000, 6);
        hubs.repo("test/voices", COMMIT)
                .file("amitaro/config.json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8), false)
                .file("amitaro/style_vectors.npy", random(200, 7), true)
                .file("amitaro/amitaro.onnx", onnx, true)
                .file("amitaro/amitaro.cuda.onnx", cuda, true)
                .file("mao.aivmx", random(7000, 8), true);
        assertEquals(0, pull("hf-voice", "test/voices@main", "--path", "amitaro"), stderr);
        assertArrayEquals(onnx, Files.readAllBytes(models.resolve("voices/amitaro/amitaro.onnx")));
        assertArrayEquals(cuda, Files.readAllBytes(models.resolve("voices/amitaro/amitaro.cuda.onnx")));
        assertTrue(Files.isRegularFile(models.resolve("voices/amitaro/config.json")));
        assertTrue(Files.isRegularFile(models.resolve("voices/amitaro/style_vectors.npy")));

        assertEquals(0, pull("hf-voice", "test/voices", "--name", "mao"), stderr);
        assertArrayEquals(hubs.repos.get("test/voices").files.get("mao.aivmx"), Files.readAllBytes(models.resolve("voices/mao.aivmx")));

        // --force replaces an installed voice
        hubs.repos.get("test/voices").file("amitaro/amitaro.onnx", random(5000, 9), true);
        assertEquals(0, pull("hf-voice", "test/voices", "--path", "amitaro", "--force"), stderr);
        assertArrayEquals(random(5000, 9), Files.readAllBytes(models.resolve("voices/amitaro/amitaro.onnx")));
        assertFalse(Files.exists(models.resolve(".pull")));
    }

    @Test
    void safetensorsVoiceIsFetchedAndTheCommandToConvertItIsNamed() throws IOException {
        hubs.repo("test/sbv2", COMMIT)
                .file("jvnv-F1-jp/config.json", "{}".getBytes(StandardCharsets.UTF_8), false)
                .file("jvnv-F1-jp/style_vectors.npy", random(200, 7), true)
                .file("jvnv-F1-jp/jvnv-F1-jp_e160_s14000.safetensors", random(9000, 10), true);
        int rc = pull("hf-voice", "test/sbv2", "--path", "jvnv-F1-jp", "--python", tmp.resolve("no-python").toString(),
                "--onnx-export", Path.of("onnx-export").toAbsolutePath().toString());
        assertEquals(PullException.Kind.NEEDS_CONVERSION.exitCode, rc, stderr);
        Path dir = models.resolve("voices/jvnv-F1-jp");
        String command = "cd onnx-export && python3 -m luna_export export voice " + dir + " --name jvnv-F1-jp --out " + models;
        assertEquals("pull: " + dir + " is an SBV2 safetensors voice and " + tmp.resolve("no-python")
                + " cannot import torch and onnx (Debian: python3-torch python3-onnx); convert it with `" + command + "`", error());
        assertTrue(Files.isRegularFile(dir.resolve("jvnv-F1-jp_e160_s14000.safetensors")));
        assertEquals(dir + " is an SBV2 model folder (*.safetensors, no ONNX): convert it with `" + command + "`",
                SafetensorsVoice.exportHint(dir).orElseThrow());
        assertTrue(SafetensorsVoice.exportHint(models.resolve("voices")).isEmpty());
    }

    /**
     * With a Python that has torch and onnx, pull runs onnx-export itself. The real export is covered
     * by onnx-export's own tests (CI's test-20); here a stand-in interpreter records what pull runs,
     * where, and writes what `export voice` writes, so the command line is checked exactly.
     */
    @Test
    void safetensorsVoiceIsConvertedWhenOnnxExportCanRun() throws IOException {
        hubs.repo("test/sbv2", COMMIT)
                .file("v/config.json", "{}".getBytes(StandardCharsets.UTF_8), false)
                .file("v/style_vectors.npy", random(200, 7), true)
                .file("v/v_e1_s1.safetensors", random(900, 10), true);
        Path log = tmp.resolve("python.log");
        Path python = tmp.resolve("python");
        Files.writeString(python, "#!/bin/sh\n"
                + "echo \"$PWD|$*\" >> '" + log + "'\n"
                + "[ \"$1\" = -c ] && exit 0\n"
                + "rm -rf \"$9/voices/$7\" && mkdir -p \"$9/voices/$7\" && echo onnx > \"$9/voices/$7/model.onnx\"\n");
        assertTrue(python.toFile().setExecutable(true));
        Path exportDir = Path.of("onnx-export").toAbsolutePath();
        assertEquals(0, pull("hf-voice", "test/sbv2", "--path", "v", "--python", python.toString(),
                "--onnx-export", exportDir.toString()), stderr);
        Path dir = models.resolve("voices/v");
        assertEquals(List.of(exportDir + "|-c import torch, onnx",
                exportDir + "|-m luna_export export voice " + dir + " --name v --out " + models), Files.readAllLines(log));
        assertTrue(stdout.contains("converted " + dir + " to ONNX"), stdout);
        assertEquals("onnx\n", Files.readString(dir.resolve("model.onnx")));
        assertTrue(SafetensorsVoice.exportHint(dir).isEmpty());
    }

    @Test
    void diskSpaceIsCheckedBeforeDownloading() throws IOException {
        space = p -> 1000;
        assertEquals(PullException.Kind.DISK_FULL.exitCode, pull("bert", "--repo", BERT));
        assertEquals("pull: not enough disk space in " + models.resolve(".pull/bert-deberta-onnx") + " for " + BERT
                + " model_fp16.onnx@main (" + COMMIT.substring(0, 12) + "): " + graph.length + " bytes needed, 1000 free", error());
        assertFalse(Files.exists(models.resolve("bert")));
    }

    /** A real ENOSPC (Linux's /dev/full) is reported as disk full, naming the path. */
    @Test
    void writeFailureWithNoSpaceLeftIsDiskFull() {
        Path full = Path.of("/dev/full");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "no /dev/full here");
        IOException enospc = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> Files.write(full, new byte[4096], java.nio.file.StandardOpenOption.APPEND));
        PullException e = Downloader.ioFailure(full, enospc);
        assertEquals(PullException.Kind.DISK_FULL, e.kind());
        assertEquals("disk full while writing /dev/full; free space there (or pass --models on a larger volume)"
                + " and run pull again: it resumes", e.getMessage());
    }

    @Test
    void usageErrors() {
        assertEquals(2, pull("bert", "--repo", "no-slash"));
        assertEquals("pull: not a Hugging Face repo id (owner/name): no-slash", error());
        assertEquals(2, pull("bert", "--bogus"));
        assertEquals(2, pull("nope"));
        assertEquals(2, pull("bert", "--repo", BERT, "--file", "weights.bin"));
    }

    @Test
    void proxiesFollowCurlsRules() {
        assertTrue(Proxies.bypass("huggingface.co", "localhost,.huggingface.co"));
        assertTrue(Proxies.bypass("cdn-lfs.huggingface.co", "huggingface.co"));
        assertTrue(Proxies.bypass("anything", "*"));
        assertTrue(Proxies.bypass("10.0.0.1", "10.0.0.1:8080"));
        assertFalse(Proxies.bypass("nothuggingface.co", "huggingface.co"));
        assertFalse(Proxies.bypass("huggingface.co", ""));
        assertNull(Proxies.selector(Map.of()));
        var sel = Proxies.selector(Map.of("HTTPS_PROXY", "http://proxy.local:3128", "NO_PROXY", "127.0.0.1"));
        assertEquals("proxy.local:3128", sel.select(java.net.URI.create("https://huggingface.co/x")).get(0).address().toString()
                .replace("/<unresolved>", ""));
        assertEquals(java.net.Proxy.NO_PROXY, sel.select(java.net.URI.create("https://127.0.0.1/x")).get(0));
        assertEquals(java.net.Proxy.NO_PROXY, sel.select(java.net.URI.create("http://huggingface.co/x")).get(0));
    }
}
