package dev.luna.tts.pull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;

/**
 * {@code pull}: downloads models into the models folder, explicitly (the service itself never
 * downloads). Resumable ({@code .pull/<key>/<file>.part}, {@code Range}), verified (size and sha256
 * where the source publishes them) and atomic (a model appears by one rename, only once all its
 * files are complete). An existing model is left alone (exit 0) unless {@code --force}, so the
 * command can run as a Kubernetes init container on every pod start; pulls into one models folder
 * take turns ({@code .pull.lock}).
 *
 * <pre>
 * pull bert [--repo R] [--revision REV] [--name N] [--file model_fp16.onnx|model.onnx]
 * pull hf-voice REPO[@REV] [--path DIR] [--name N] [--file F]
 * pull aivishub UUID [--name N]
 * options: --models DIR (LUNA_MODELS_DIR, else ./models)  --offline (or LUNA_OFFLINE=1, HF_HUB_OFFLINE=1)
 *          --force  --base-url URL (the hub's address: HF_ENDPOINT / AivisHub API)  --python P  --onnx-export DIR
 * env: HF_TOKEN (Bearer token for Hugging Face), HTTPS_PROXY/HTTP_PROXY/NO_PROXY or -Dhttps.proxyHost
 * exit: 0 done or present, 1 other, 2 usage, 3 needs onnx-export, 4 size/checksum mismatch,
 *       5 401/403, 6 404, 7 offline and missing, 8 disk full, 9 network
 * </pre>
 */
public final class Pull {

    /** AivisSpeech's BERT: ku-nlp/deberta-v2-large-japanese-char-wwm as ONNX (fp16 weights, fp32 I/O). */
    static final String BERT_REPO = "tsukumijima/deberta-v2-large-japanese-char-wwm-onnx";
    /** The revision AivisSpeech Engine loads it at (pinned there too). */
    static final String BERT_REVISION = "d701ec67708287b20d2063270f6b535e6eed09ab";
    /**
     * sha256 of model_fp16.onnx at {@link #BERT_REVISION} as published by a public AivisSpeech set-up
     * script; checked against the Hub's X-Linked-Etag before downloading, and against the bytes after.
     */
    static final String BERT_FP16_SHA256 = "23f633ae7c5900ff82b35a428b67a54e7e7911d5d6a6dcfc77967be8f1c94dc6";
    static final String BERT_LICENCE = "CC BY-SA 4.0 (ku-nlp/deberta-v2-large-japanese-char-wwm; ONNX conversion by"
            + " tsukumijima, same licence)";

    /** BERT folder files fetched when the repo has them (vocab.txt and a graph are required). */
    static final List<String> BERT_EXTRAS = List.of("tokenizer_config.json", "special_tokens_map.json", "config.json",
            "tokenizer.json", "README.md", "LICENSE");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final String USER_AGENT = "luna-tts-pull/1.0 (java.net.http)";

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final ToLongFunction<Path> usableSpace;
    private final Downloader.Policy policy;

    Pull(Map<String, String> env, PrintStream out, PrintStream err, ToLongFunction<Path> usableSpace,
         Downloader.Policy policy) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.usableSpace = usableSpace;
        this.policy = policy;
    }

    public static void main(String[] args) {
        System.exit(new Pull(System.getenv(), System.out, System.err, Downloader::usableSpace,
                Downloader.Policy.DEFAULT).run(args));
    }

    /** Runs one command; the exit code. Errors are one line on stderr starting with "pull: ". */
    int run(String[] args) {
        try {
            Options o = Options.parse(args, env);
            if (!List.of("bert", "hf-voice", "aivishub").contains(o.command())) {
                throw new PullException(PullException.Kind.USAGE, "unknown command " + o.command());
            }
            if (o.offline()) {
                return command(o);
            }
            try (FileChannel ignored = lock(o.models())) {
                return command(o);
            } catch (IOException e) {
                throw Downloader.ioFailure(o.models().resolve(".pull.lock"), e);
            }
        } catch (PullException e) {
            err.println("pull: " + e.getMessage());
            if (e.kind() == PullException.Kind.USAGE) {
                err.println(USAGE);
            }
            return e.kind().exitCode;
        }
    }

    private int command(Options o) throws PullException {
        return switch (o.command()) {
            case "bert" -> bert(o);
            case "hf-voice" -> hfVoice(o);
            default -> aivisHub(o);
        };
    }

    /**
     * One pull at a time per models folder ({@code <models>/.pull.lock}, an OS file lock, released
     * when the process ends): replicas whose init containers share a volume wait for each other,
     * then find the model present instead of writing the same .part twice.
     */
    private FileChannel lock(Path models) throws PullException {
        Path file = models.resolve(".pull.lock");
        FileChannel ch = null;
        try {
            Files.createDirectories(models);
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (ch.tryLock() == null) {
                err.println("waiting for another pull into " + models + " to finish");
                ch.lock();
            }
            return ch;   // closing the channel releases the lock
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // reported below
                }
            }
            throw Downloader.ioFailure(file, e);
        }
    }

    static final String USAGE = """
            usage: pull bert [--repo R] [--revision REV] [--name N] [--file model_fp16.onnx|model.onnx]
                   pull hf-voice REPO[@REV] [--path DIR] [--name N] [--file F]
                   pull aivishub UUID [--name N]
            options: --models DIR  --offline  --force  --base-url URL  --python P  --onnx-export DIR""";

    /** Parsed command line. */
    record Options(String command, List<String> positional, Map<String, String> values, boolean offline,
                   boolean force, Path models) {

        static final List<String> VALUED = List.of("--repo", "--revision", "--name", "--file", "--path", "--models",
                "--base-url", "--python", "--onnx-export");

        static Options parse(String[] args, Map<String, String> env) throws PullException {
            if (args.length == 0) {
                throw new PullException(PullException.Kind.USAGE, "no command");
            }
            List<String> pos = new ArrayList<>();
            Map<String, String> vals = new HashMap<>();
            boolean offline = truthy(env.get("LUNA_OFFLINE")) || truthy(env.get("HF_HUB_OFFLINE"));
            boolean force = false;
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--offline")) {
                    offline = true;
                } else if (a.equals("--force")) {
                    force = true;
                } else if (VALUED.contains(a)) {
                    if (i + 1 >= args.length) {
                        throw new PullException(PullException.Kind.USAGE, a + " needs a value");
                    }
                    vals.put(a, args[++i]);
                } else if (a.startsWith("--")) {
                    throw new PullException(PullException.Kind.USAGE, "unknown option " + a);
                } else {
                    pos.add(a);
                }
            }
            String models = vals.getOrDefault("--models", env.getOrDefault("LUNA_MODELS_DIR", "models"));
            return new Options(args[0], pos, vals, offline, force, Path.of(models).toAbsolutePath().normalize());
        }

        private static boolean truthy(String v) {
            return v != null && (v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"));
        }

        String get(String key, String dflt) {
            return values.getOrDefault(key, dflt);
        }
    }

    // ---------------------------------------------------------------------------------- bert

    int bert(Options o) throws PullException {
        noPositional(o, 0);
        String repo = o.get("--repo", BERT_REPO);
        HuggingFace.checkRepo(repo);
        String revision = o.get("--revision", repo.equals(BERT_REPO) ? BERT_REVISION : "main");
        String name = name(o.get("--name", repo.substring(repo.indexOf('/') + 1)));
        Path target = o.models().resolve("bert").resolve(name);
        if (present(o, target)) {
            return 0;
        }
        HuggingFace hf = hub(o);
        HuggingFace.Snapshot snap = hf.snapshot(repo, revision);
        String model = o.values().get("--file");
        if (model == null) {
            model = snap.files().contains("model_fp16.onnx") ? "model_fp16.onnx"
                    : snap.files().contains("model.onnx") ? "model.onnx" : null;
            if (model == null) {
                throw new PullException(PullException.Kind.NOT_FOUND, repo + " has neither model_fp16.onnx nor"
                        + " model.onnx at revision " + revision);
            }
        } else if (!model.equals("model.onnx") && !model.equals("model_fp16.onnx")) {
            throw new PullException(PullException.Kind.USAGE, "--file must be model.onnx or model_fp16.onnx");
        } else if (!snap.files().contains(model)) {
            throw new PullException(PullException.Kind.NOT_FOUND, "404: no file " + model + " in " + repo
                    + " at revision " + revision);
        }
        if (!snap.files().contains("vocab.txt")) {
            throw new PullException(PullException.Kind.NOT_FOUND, repo + " has no vocab.txt at revision " + revision
                    + ": luna-tts tokenizes BERT from vocab.txt (BertJapaneseTokenizer, character mode)");
        }
        List<String> files = new ArrayList<>(List.of(model, "vocab.txt"));
        BERT_EXTRAS.stream().filter(snap.files()::contains).forEach(files::add);

        Path staging = Install.stagingDir(o.models(), "bert-" + name);
        Downloader dl = downloader(o);
        List<RemoteFile> got = new ArrayList<>();
        try {
            for (String f : files) {
                RemoteFile rf = hf.describe(snap, f, f);
                if (repo.equals(BERT_REPO) && snap.commit().equals(BERT_REVISION) && f.equals("model_fp16.onnx")) {
                    rf = pinned(rf, BERT_FP16_SHA256);
                }
                dl.download(rf, staging, hf.auth(), (resp, file) -> hf.error(resp, repo, revision, f));
                got.add(rf);
            }
        } catch (PullException e) {
            throw discardOnMismatch(e, staging, o.models());
        }
        writeManifest(staging, "huggingface", repo, revision, snap.commit(), got);
        Install.move(staging, target, o.force(), o.models());
        Install.tidy(o.models());
        out.println("installed " + target + " (" + repo + "@" + snap.commit() + ", " + model + ")");
        out.println("licence: " + (repo.equals(BERT_REPO) ? BERT_LICENCE
                : "as stated on " + hf.repoPage(repo) + " (its model card)"));
        return 0;
    }

    /** The pinned sha256 must agree with what the Hub publishes; it also stands in when the Hub omits it. */
    private static RemoteFile pinned(RemoteFile rf, String sha256) throws PullException {
        if (rf.sha256() != null && !rf.sha256().equals(sha256)) {
            throw new PullException(PullException.Kind.CHECKSUM, "checksum mismatch for " + rf.what()
                    + ": luna-tts pins sha256 " + sha256 + ", the Hub publishes " + rf.sha256() + "; nothing downloaded");
        }
        return new RemoteFile(rf.name(), rf.url(), rf.size(), sha256, rf.what());
    }

    // ---------------------------------------------------------------------------------- hf-voice

    int hfVoice(Options o) throws PullException {
        noPositional(o, 1);
        String spec = o.positional().get(0);
        int at = spec.indexOf('@');
        String repo = at < 0 ? spec : spec.substring(0, at);
        String revision = at < 0 ? "main" : spec.substring(at + 1);
        HuggingFace.checkRepo(repo);
        String sub = o.get("--path", "").replaceAll("^/+|/+$", "");
        if (sub.contains("..")) {
            throw new PullException(PullException.Kind.USAGE, "--path must stay inside the repo: " + sub);
        }
        String name = name(o.get("--name", sub.isEmpty() ? repo.substring(repo.indexOf('/') + 1)
                : sub.substring(sub.lastIndexOf('/') + 1)));
        Path voices = o.models().resolve("voices");
        Path folder = voices.resolve(name);
        Path aivmx = voices.resolve(name + ".aivmx");
        Path existing = Files.exists(aivmx) ? aivmx : Files.exists(folder) ? folder : null;
        if (existing != null && (!o.force() || o.offline())) {
            if (SafetensorsVoice.exportHint(existing).isPresent()) {
                return convert(o, existing);
            }
            return presentOrOffline(o, existing, true);
        }
        if (existing == null && o.offline()) {
            return presentOrOffline(o, folder, false);
        }
        HuggingFace hf = hub(o);
        HuggingFace.Snapshot snap = hf.snapshot(repo, revision);
        String prefix = sub.isEmpty() ? "" : sub + "/";
        List<String> here = snap.files().stream().filter(f -> f.startsWith(prefix) && f.indexOf('/', prefix.length()) < 0)
                .map(f -> f.substring(prefix.length())).toList();
        String where = repo + (sub.isEmpty() ? "" : "/" + sub) + "@" + revision;
        String file = o.values().get("--file");
        List<String> onnx = here.stream().filter(f -> f.endsWith(".onnx") && !f.endsWith(".cuda.onnx")).toList();
        List<String> aivm = here.stream().filter(f -> f.endsWith(".aivmx") && !f.endsWith(".cuda.aivmx")).toList();
        List<String> st = here.stream().filter(f -> f.endsWith(".safetensors")).toList();
        boolean sbv2Folder = here.contains("config.json") && here.contains("style_vectors.npy");
        if (file == null) {
            if (sbv2Folder && !onnx.isEmpty()) {
                file = one(onnx, where);
            } else if (!aivm.isEmpty()) {
                file = one(aivm, where);
            } else if (sbv2Folder && !st.isEmpty()) {
                file = one(st, where);
            } else {
                throw new PullException(PullException.Kind.NOT_FOUND, "no voice in " + where + ": expected a *.aivmx,"
                        + " or config.json + style_vectors.npy + a *.onnx or *.safetensors (use --path for a subfolder)");
            }
        } else if (!here.contains(file)) {
            throw new PullException(PullException.Kind.NOT_FOUND, "404: no file " + file + " in " + where);
        }
        Downloader dl = downloader(o);
        Path staging = Install.stagingDir(o.models(), "voice-" + name);
        if (file.endsWith(".aivmx")) {
            String cuda = file.substring(0, file.length() - ".aivmx".length()) + ".cuda.aivmx";
            Path main;
            Path cudaFile;
            try {
                main = fetch(hf, dl, snap, prefix + file, name + ".aivmx", staging);
                cudaFile = here.contains(cuda) ? fetch(hf, dl, snap, prefix + cuda, name + ".cuda.aivmx", staging) : null;
            } catch (PullException e) {
                throw discardOnMismatch(e, staging, o.models());
            }
            if (cudaFile != null) {
                Install.move(cudaFile, voices.resolve(name + ".cuda.aivmx"), o.force(), o.models());
            }
            Install.move(main, aivmx, o.force(), o.models());
            Install.deleteTree(staging);
            Install.tidy(o.models());
            out.println("installed " + aivmx + " (" + repo + "@" + snap.commit() + ")");
            out.println("licence: as stated in the voice's AIVM manifest and on " + hf.repoPage(repo));
            return 0;
        }
        if (!sbv2Folder) {
            throw new PullException(PullException.Kind.NOT_FOUND, where + " has " + file
                    + " but not config.json and style_vectors.npy beside it");
        }
        List<RemoteFile> got = new ArrayList<>();
        List<String> wanted = new ArrayList<>(List.of("config.json", "style_vectors.npy", file));
        String cuda = file.endsWith(".onnx") ? file.substring(0, file.length() - 5) + ".cuda.onnx" : null;
        if (cuda != null && here.contains(cuda)) {
            wanted.add(cuda);
        }
        try {
            for (String f : wanted) {
                RemoteFile rf = hf.describe(snap, prefix + f, f);
                dl.download(rf, staging, hf.auth(), (resp, x) -> hf.error(resp, repo, revision, prefix + f));
                got.add(rf);
            }
        } catch (PullException e) {
            throw discardOnMismatch(e, staging, o.models());
        }
        writeManifest(staging, "huggingface", repo + (sub.isEmpty() ? "" : ":" + sub), revision, snap.commit(), got);
        Install.move(staging, folder, o.force(), o.models());
        Install.tidy(o.models());
        out.println("installed " + folder + " (" + repo + "@" + snap.commit() + ", " + file + ")");
        out.println("licence: as stated on " + hf.repoPage(repo) + " (the voice's model card)");
        if (file.endsWith(".safetensors")) {
            return convert(o, folder);
        }
        return 0;
    }

    private Path fetch(HuggingFace hf, Downloader dl, HuggingFace.Snapshot snap, String repoPath, String local,
                       Path staging) throws PullException {
        RemoteFile rf = hf.describe(snap, repoPath, local);
        return dl.download(rf, staging, hf.auth(), (resp, x) -> hf.error(resp, snap.repo(), snap.revision(), repoPath));
    }

    private static String one(List<String> candidates, String where) throws PullException {
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        throw new PullException(PullException.Kind.USAGE, where + " has several: " + String.join(", ", candidates)
                + "; choose one with --file");
    }

    /**
     * Converts an SBV2 safetensors folder in place with onnx-export when its Python (torch + onnx)
     * is available; otherwise exit 3 with the command to run.
     */
    int convert(Options o, Path folder) throws PullException {
        String command = SafetensorsVoice.command(folder, o.models());
        String python = o.get("--python", env.getOrDefault("LUNA_PYTHON", "python3"));
        Path exportDir = Path.of(o.get("--onnx-export", env.getOrDefault("LUNA_ONNX_EXPORT", "onnx-export")))
                .toAbsolutePath().normalize();
        String missing = null;
        if (!Files.isRegularFile(exportDir.resolve("luna_export/__main__.py"))) {
            missing = "onnx-export is not at " + exportDir + " (--onnx-export DIR)";
        } else if (exec(List.of(python, "-c", "import torch, onnx"), exportDir, false) != 0) {
            missing = python + " cannot import torch and onnx (Debian: python3-torch python3-onnx)";
        }
        if (missing != null) {
            throw new PullException(PullException.Kind.NEEDS_CONVERSION, folder + " is an SBV2 safetensors voice and "
                    + missing + "; convert it with `" + command + "`");
        }
        out.println("converting " + folder + " with onnx-export: " + command);
        int rc = exec(List.of(python, "-m", "luna_export", "export", "voice", folder.toString(), "--name",
                folder.getFileName().toString(), "--out", o.models().toString()), exportDir, true);
        if (rc != 0) {
            throw new PullException(PullException.Kind.NEEDS_CONVERSION, "onnx-export failed (exit " + rc + ") on "
                    + folder + "; see its output above; the safetensors folder is unchanged");
        }
        out.println("converted " + folder + " to ONNX");
        return 0;
    }

    private int exec(List<String> cmd, Path dir, boolean inherit) throws PullException {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
            if (inherit) {
                pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
            } else {
                pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            }
            Process p = pb.start();
            if (!p.waitFor(inherit ? 6 : 1, inherit ? TimeUnit.HOURS : TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return 124;
            }
            return p.exitValue();
        } catch (IOException e) {
            return 127;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PullException(PullException.Kind.OTHER, "interrupted while running " + cmd.get(0));
        }
    }

    // ---------------------------------------------------------------------------------- aivishub

    int aivisHub(Options o) throws PullException {
        noPositional(o, 1);
        String uuid = o.positional().get(0).toLowerCase(java.util.Locale.ROOT);
        if (!AivisHub.UUID.matcher(uuid).matches()) {
            throw new PullException(PullException.Kind.USAGE, "not an AivisHub model UUID: " + o.positional().get(0));
        }
        String name = name(o.get("--name", uuid));
        Path target = o.models().resolve("voices").resolve(name + ".aivmx");
        if (present(o, target)) {
            return 0;
        }
        Http http = Http.create(env, USER_AGENT);
        AivisHub hub = new AivisHub(http, URI.create(stripSlash(o.get("--base-url", AivisHub.DEFAULT_API))));
        AivisHub.ModelFile info = hub.describe(uuid);
        RemoteFile rf = new RemoteFile(name + ".aivmx", hub.downloadUrl(uuid), info.size(), info.sha256(),
                "AivisHub model " + uuid + " (" + info.name() + " " + info.version() + ")");
        Path staging = Install.stagingDir(o.models(), "aivishub-" + uuid);
        Path file;
        try {
            file = downloader(o).download(rf, staging, Http.Auth.none(), (resp, f) -> hub.error(resp.statusCode(), uuid));
        } catch (PullException e) {
            throw discardOnMismatch(e, staging, o.models());
        }
        Install.move(file, target, o.force(), o.models());
        Install.deleteTree(staging);
        Install.tidy(o.models());
        out.println("installed " + target + " (" + info.name() + " " + info.version() + ", " + info.size() + " bytes"
                + (info.sha256() != null ? ", sha256 verified" : info.checksum() != null
                ? ", size verified; AivisHub's checksum " + info.checksum() + " is not a sha256 and was not checked" : "")
                + ")");
        out.println("licence (as AivisHub lists it): " + (info.license().isEmpty() ? "not stated" : info.license())
                + "; terms: https://hub.aivis-project.com/aivm-models/" + uuid);
        return 0;
    }

    // ---------------------------------------------------------------------------------- shared

    /**
     * After a size or checksum mismatch the whole staging folder goes (its other files came from the
     * same, now doubtful, source); other failures keep it so the next run resumes.
     */
    private static PullException discardOnMismatch(PullException e, Path staging, Path models) {
        if (e.kind() == PullException.Kind.CHECKSUM) {
            try {
                Install.deleteTree(staging);
                Install.tidy(models);
            } catch (PullException ignored) {
                // the mismatch is the message that matters
            }
        }
        return e;
    }

    private HuggingFace hub(Options o) {
        String endpoint = stripSlash(o.get("--base-url", env.getOrDefault("HF_ENDPOINT", HuggingFace.DEFAULT_ENDPOINT)));
        return new HuggingFace(Http.create(env, USER_AGENT), URI.create(endpoint), env.get("HF_TOKEN"));
    }

    private Downloader downloader(Options o) {
        return new Downloader(Http.create(env, USER_AGENT), err, usableSpace, policy);
    }

    /** True (after a line saying so) when the target exists and is not to be replaced; offline: missing is an error. */
    private boolean present(Options o, Path target) throws PullException {
        if (Files.exists(target) && (!o.force() || o.offline())) {
            presentOrOffline(o, target, true);
            return true;
        }
        if (o.offline()) {
            presentOrOffline(o, target, false);
        }
        return false;
    }

    private int presentOrOffline(Options o, Path target, boolean exists) throws PullException {
        if (exists) {
            out.println("present: " + target + (o.offline() ? " (offline: not checked against the source)"
                    : " (--force replaces it)"));
            return 0;
        }
        throw new PullException(PullException.Kind.OFFLINE, "offline: " + target + " is not in the models folder"
                + " and offline mode forbids downloading; run the same pull where the hub is reachable");
    }

    private static void noPositional(Options o, int expected) throws PullException {
        if (o.positional().size() != expected) {
            throw new PullException(PullException.Kind.USAGE, o.command() + " takes " + expected
                    + " argument(s), got " + o.positional());
        }
    }

    private static String name(String n) throws PullException {
        if (!NAME.matcher(n).matches()) {
            throw new PullException(PullException.Kind.USAGE, "--name must be letters, digits, . _ - (got " + n + ")");
        }
        return n;
    }

    private static String stripSlash(String s) {
        return s.replaceAll("/+$", "");
    }

    /** {@code .pull.json} in a pulled folder: where each file came from, its size and sha256. */
    private static void writeManifest(Path staging, String source, String repo, String revision, String commit,
                                      List<RemoteFile> files) throws PullException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("source", source).put("repo", repo).put("revision", revision).put("commit", commit);
        ArrayNode arr = root.putArray("files");
        for (RemoteFile f : files) {
            Path p = staging.resolve(f.name());
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", f.name());
            e.put("url", f.url().toString());
            e.put("size", Downloader.size(p));
            e.put("sha256", f.sha256() != null ? f.sha256() : Downloader.sha256(p));
            arr.add(json.valueToTree(e));
        }
        try {
            json.writerWithDefaultPrettyPrinter().writeValue(staging.resolve(".pull.json").toFile(), root);
        } catch (IOException e) {
            throw Downloader.ioFailure(staging.resolve(".pull.json"), e);
        }
    }
}
