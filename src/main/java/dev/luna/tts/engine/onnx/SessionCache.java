package dev.luna.tts.engine.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;

/**
 * Optimized graphs on disk, so that graph optimization (seconds for a large model, at every start)
 * happens once per model, ONNX Runtime version and device.
 * <p>
 * On a miss the session is created from the model with the configured optimization level and ONNX
 * Runtime writes the optimized graph ({@code setOptimizedModelFilePath}) to a temporary file, which
 * is then moved into place next to a manifest. On a hit the session is created from that file with
 * optimizations disabled. An entry is used only when its manifest matches the model (size and a
 * SHA-256 fingerprint of its content), ONNX Runtime's version, the provider, the optimization level,
 * the format and the device ({@link DeviceIdentity}), and the entry file has the size and CRC-32C
 * the manifest recorded. Anything else — a changed model, another ONNX Runtime, a truncated or
 * altered entry, an unreadable manifest, an entry ONNX Runtime refuses — is logged with the file
 * and the reason, deleted and rebuilt. Failing to write (read-only or full disk) never fails a
 * load: the session is used and the cache is skipped with one WARN.
 * <p>
 * The model's fingerprint is content-based, not path- or mtime-based, so an entry survives copies
 * of the same model (an init container downloading it again, an image rebuilt): {@code SAMPLED}
 * hashes the size and 16 slices of 1 MiB spread over the file, first and last included (reads at
 * most 16 MiB instead of the whole 1.2 GB fp32 BERT at every start); {@code FULL} hashes every
 * byte. Models are replaced as whole files by every tool here, and a new export or another voice
 * differs in practically every slice; {@code FULL} is for whoever edits weights in place. The
 * entry's own integrity uses CRC-32C (hardware-accelerated, so checking a 600 MB entry costs tens
 * of milliseconds): it guards against truncation and disk corruption, not against someone who can
 * write to the cache directory (such a person could equally replace the models).
 */
public final class SessionCache {

    private static final Logger LOG = Logger.getLogger(SessionCache.class);
    /** Bump when the manifest's meaning changes: older entries are then rebuilt. */
    static final String LAYOUT = "1";
    private static final int SLICE = 1 << 20;
    private static final int SLICES = 16;
    private static final String TMP_PREFIX = ".tmp-";
    /** The mapped entry behind each session created from one (see {@link #fromEntry}). */
    private static final Map<OrtSession, MappedByteBuffer> MAPPED = Collections.synchronizedMap(new WeakHashMap<>());

    public enum Format {
        /** ONNX Runtime's flatbuffer format: loads without parsing protobuf. */
        ORT(".ort"),
        /** The optimized graph as an ONNX file. */
        ONNX(".onnx");

        final String extension;

        Format(String extension) {
            this.extension = extension;
        }
    }

    public enum Fingerprint { SAMPLED, FULL }

    /** What happened to one model's session. */
    public enum Outcome {
        /** The cache is off (or its directory unusable): created from the model. */
        DISABLED,
        /** Created from a valid entry, no optimization. */
        HIT,
        /** No entry: created from the model and the entry written. */
        WRITTEN,
        /** An entry was there but stale or corrupt: replaced. */
        REPLACED,
        /** Created from the model, but the entry could not be written. */
        NOT_WRITTEN
    }

    /**
     * @param dir where entries live (created when missing)
     */
    public record Settings(boolean enabled, Path dir, Format format, Fingerprint fingerprint) {
        public static Settings disabled() {
            return new Settings(false, null, Format.ORT, Fingerprint.SAMPLED);
        }
    }

    /** One load's result: the outcome, the entry file, and why an entry was replaced (else null). */
    public record Result(Outcome outcome, Path entry, String reason, long millis) {
    }

    /** How a session is made: options for the model (the caller's optimization level, provider, modes). */
    @FunctionalInterface
    interface Options {
        OrtSession.SessionOptions create() throws OrtException;
    }

    private final Settings settings;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger replaced = new AtomicInteger();
    private final Map<Path, Result> results = new ConcurrentHashMap<>();
    private volatile boolean usable;
    private volatile boolean prepared;

    public SessionCache(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** Whether entries are read and written (enabled and the directory could be created). */
    public boolean active() {
        prepare();
        return usable;
    }

    /** Sessions created from a valid entry since start. */
    public int hits() {
        return hits.get();
    }

    /** Entries written since start (replacements included). */
    public int writes() {
        return writes.get();
    }

    /** Stale or corrupt entries replaced since start. */
    public int replaced() {
        return replaced.get();
    }

    /** The last result for a model file (absolute, normalized), or null. */
    public Result resultFor(Path model) {
        return results.get(model.toAbsolutePath().normalize());
    }

    private synchronized void prepare() {
        if (prepared) {
            return;
        }
        prepared = true;
        if (!settings.enabled() || settings.dir() == null) {
            return;
        }
        try {
            Files.createDirectories(settings.dir());
            Path probe = Files.createTempFile(settings.dir(), TMP_PREFIX, ".probe");
            Files.delete(probe);
            sweepTemporaries();
            usable = true;
            LOG.infof("Session cache in %s (%s format, %s fingerprint)", settings.dir().toAbsolutePath(),
                    settings.format(), settings.fingerprint());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Session cache directory %s is not writable (%s): every session is optimized at start;"
                    + " set luna.session-cache.dir to a writable volume", settings.dir(), e.getClass().getSimpleName());
        }
    }

    /** Removes temporary files an interrupted write left (older than an hour: another process may be writing). */
    private void sweepTemporaries() throws IOException {
        Instant old = Instant.now().minus(Duration.ofHours(1));
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(settings.dir(), TMP_PREFIX + "*")) {
            for (Path p : ds) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(old)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /**
     * Creates a session for {@code model}, through the cache when it is active.
     *
     * @param optimization the level {@code options} set (part of the key)
     * @param provider     "cpu" or "cuda" (part of the key)
     * @param device       {@link DeviceIdentity} string (part of the key)
     */
    OrtSession open(OrtEnvironment env, Path model, Options options, String optimization, String provider,
                    String device, String ortVersion) throws OrtException, IOException {
        long t0 = System.nanoTime();
        Path key = model.toAbsolutePath().normalize();
        if (!active()) {
            OrtSession s = plain(env, model, options);
            results.put(key, new Result(Outcome.DISABLED, null, null, ms(t0)));
            return s;
        }
        Path entry = settings.dir().resolve(entryName(key, provider, optimization) + settings.format().extension);
        Path manifest = manifestOf(entry);
        Properties expected = new Properties();
        expected.setProperty("layout", LAYOUT);
        expected.setProperty("source.path", key.toString());
        expected.setProperty("source.size", Long.toString(Files.size(model)));
        expected.setProperty("source.fingerprint", fingerprint(model, settings.fingerprint()));
        expected.setProperty("source.fingerprint.method", settings.fingerprint().name());
        expected.setProperty("ort.version", ortVersion);
        expected.setProperty("provider", provider);
        expected.setProperty("optimization", optimization);
        expected.setProperty("device", device);
        expected.setProperty("format", settings.format().name());

        String reason = null;
        if (Files.exists(manifest) || Files.exists(entry)) {
            reason = validate(entry, manifest, expected);
            if (reason == null) {
                try {
                    OrtSession s = fromEntry(env, entry, options);
                    hits.incrementAndGet();
                    results.put(key, new Result(Outcome.HIT, entry, null, ms(t0)));
                    LOG.debugf("Session for %s from cache entry %s", model, entry);
                    return s;
                } catch (OrtException e) {
                    reason = "ONNX Runtime could not load it (" + oneLine(e.getMessage()) + ")";
                } catch (IOException e) {
                    reason = "it could not be mapped (" + e.getClass().getSimpleName() + ")";
                }
                // the entry passed its checks, so the failure may be the moment's (device memory, shutdown): it
                // stays until its replacement is written, and a failed rebuild leaves it for the next start
                LOG.warnf("Session cache entry %s could not be used and is rebuilt: %s", entry, reason);
            } else {
                LOG.warnf("Session cache entry %s is not used and is rebuilt: %s", entry, reason);
                deleteQuietly(manifest);
                deleteQuietly(entry);
            }
        }
        return write(env, model, options, entry, manifest, expected, key, reason, t0);
    }

    private OrtSession write(OrtEnvironment env, Path model, Options options, Path entry, Path manifest,
                             Properties expected, Path key, String replacedBecause, long t0)
            throws OrtException, IOException {
        Path tmp = settings.dir().resolve(TMP_PREFIX + UUID.randomUUID() + settings.format().extension);
        OrtSession session;
        try (OrtSession.SessionOptions o = options.create()) {
            o.setOptimizedModelFilePath(tmp.toString());
            o.addConfigEntry("session.save_model_format", settings.format().name());
            session = env.createSession(model.toString(), o);
        } catch (OrtException e) {
            deleteQuietly(tmp);
            if (isSaveProblem(e)) {
                LOG.warnf("Session cache: ONNX Runtime could not save the optimized graph of %s (%s); not cached",
                        model, oneLine(e.getMessage()));
                OrtSession s = plain(env, model, options);
                results.put(key, new Result(Outcome.NOT_WRITTEN, null, null, ms(t0)));
                return s;
            }
            throw e;
        }
        try {
            Properties m = new Properties();
            m.putAll(expected);
            m.setProperty("entry.size", Long.toString(Files.size(tmp)));
            m.setProperty("entry.crc32c", Long.toHexString(crc32c(tmp)));
            m.setProperty("created", Instant.now().toString());
            Path tmpManifest = settings.dir().resolve(TMP_PREFIX + UUID.randomUUID() + ".properties");
            try (OutputStream out = Files.newOutputStream(tmpManifest, StandardOpenOption.CREATE_NEW)) {
                m.store(out, "luna-tts session cache entry for " + model.getFileName());
            }
            Files.move(tmp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmpManifest, manifest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            writes.incrementAndGet();
            Outcome outcome = replacedBecause == null ? Outcome.WRITTEN : Outcome.REPLACED;
            if (outcome == Outcome.REPLACED) {
                replaced.incrementAndGet();
            }
            results.put(key, new Result(outcome, entry, replacedBecause, ms(t0)));
            LOG.infof("Session cache entry written: %s (%d MB) for %s", entry.getFileName(),
                    Files.size(entry) >> 20, model);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp);
            LOG.warnf("Session cache: could not write the entry for %s (%s: %s); the session is used uncached",
                    model, e.getClass().getSimpleName(), oneLine(e.getMessage()));
            results.put(key, new Result(Outcome.NOT_WRITTEN, null, replacedBecause, ms(t0)));
        }
        return session;
    }

    /** Null when the entry may be used, else why not. */
    static String validate(Path entry, Path manifest, Properties expected) {
        Properties m = new Properties();
        try (InputStream in = Files.newInputStream(manifest)) {
            m.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return "manifest " + manifest.getFileName() + " missing or unreadable";
        }
        for (String k : new String[]{"layout", "source.size", "source.fingerprint", "source.fingerprint.method",
                "ort.version", "provider", "optimization", "device", "format"}) {
            String want = expected.getProperty(k);
            String have = m.getProperty(k);
            if (have == null) {
                return "manifest lacks " + k;
            }
            if (!have.equals(want)) {
                return switch (k) {
                    case "source.size", "source.fingerprint" -> "the model file changed";
                    case "ort.version" -> "made by ONNX Runtime " + have + ", this is " + want;
                    default -> k + " was " + have + ", now " + want;
                };
            }
        }
        try {
            long size = Long.parseLong(m.getProperty("entry.size", "-1"));
            if (!Files.isRegularFile(entry)) {
                return "entry file missing";
            }
            long actual = Files.size(entry);
            if (actual != size) {
                return "entry is " + actual + " bytes, the manifest says " + size + " (truncated or overwritten)";
            }
            String crc = Long.toHexString(crc32c(entry));
            if (!crc.equals(m.getProperty("entry.crc32c"))) {
                return "entry checksum mismatch (CRC-32C " + crc + ", the manifest says " + m.getProperty("entry.crc32c") + ")";
            }
        } catch (IOException | NumberFormatException e) {
            return "entry unreadable (" + e.getClass().getSimpleName() + ")";
        }
        return null;
    }

    private OrtSession fromEntry(OrtEnvironment env, Path entry, Options options) throws OrtException, IOException {
        try (OrtSession.SessionOptions o = options.create()) {
            // the graph is already optimized: doing it again is the cost the cache removes
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            o.addConfigEntry("session.load_model_format", settings.format().name());
            if (settings.format() != Format.ORT) {
                return env.createSession(entry.toString(), o);
            }
            // An ORT-format entry is used in place, memory-mapped: ONNX Runtime then neither copies the file into a
            // buffer nor each initializer out of it (the BERT session's creation, BENCHMARKS.md).
            // The session points into the mapping for its whole life, so the mapping is kept as long as the
            // session object is; entries are replaced by rename and removed by unlink, never rewritten in place,
            // so a mapped file does not change under a session.
            MappedByteBuffer bytes;
            try (FileChannel ch = FileChannel.open(entry, StandardOpenOption.READ)) {
                bytes = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
            }
            o.addConfigEntry("session.use_ort_model_bytes_directly", "1");
            o.addConfigEntry("session.use_ort_model_bytes_for_initializers", "1");
            OrtSession session = env.createSession(bytes, o);
            MAPPED.put(session, bytes);
            return session;
        }
    }

    private static OrtSession plain(OrtEnvironment env, Path model, Options options) throws OrtException {
        try (OrtSession.SessionOptions o = options.create()) {
            return env.createSession(model.toString(), o);
        }
    }

    /** Whether a failure looks like the save, not the model (the model then loads without saving). */
    private static boolean isSaveProblem(OrtException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return m.contains("save") || m.contains("serializ") || m.contains("ort format") || m.contains("optimized_model");
    }

    static Path manifestOf(Path entry) {
        return entry.resolveSibling(entry.getFileName() + ".properties");
    }

    /**
     * Readable and unique per model path and key:
     * {@code <grandparent>_<parent>_<file>-<hash of the path>-<provider>-<level>}, e.g.
     * {@code voices_tiny_model.onnx-1a2b3c4d5e-cpu-ALL_OPT}.
     */
    static String entryName(Path model, String provider, String optimization) {
        StringBuilder prefix = new StringBuilder();
        int n = model.getNameCount();
        for (int i = Math.max(0, n - 3); i < n - 1; i++) {
            prefix.append(model.getName(i)).append('_');
        }
        String name = (prefix.toString() + model.getFileName()).replaceAll("[^A-Za-z0-9._-]", "_");
        return name + "-" + DeviceIdentity.sha256(model.toString()).substring(0, 10) + "-" + provider + "-" + optimization;
    }

    /** SHA-256 over the size and the whole file or {@value #SLICES} slices of {@value #SLICE} bytes. */
    static String fingerprint(Path file, Fingerprint how) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            md.update(ByteBuffer.allocate(8).putLong(0, size));
            ByteBuffer buf = ByteBuffer.allocateDirect(SLICE);
            if (how == Fingerprint.FULL || size <= (long) SLICE * SLICES) {
                readInto(ch, 0, size, buf, md);
            } else {
                long step = (size - SLICE) / (SLICES - 1);
                for (int i = 0; i < SLICES; i++) {
                    long at = i == SLICES - 1 ? size - SLICE : i * step;
                    readInto(ch, at, SLICE, buf, md);
                }
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void readInto(FileChannel ch, long from, long length, ByteBuffer buf, MessageDigest md) throws IOException {
        long pos = from;
        long end = from + length;
        while (pos < end) {
            buf.clear();
            buf.limit((int) Math.min(buf.capacity(), end - pos));
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("unexpected end of " + length + "-byte read at " + pos);
            }
            buf.flip();
            md.update(buf);
            pos += n;
        }
    }

    static long crc32c(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(SLICE);
            while (ch.read(buf) >= 0) {
                buf.flip();
                crc.update(buf);
                buf.clear();
            }
        }
        return crc.getValue();
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.debugf("could not delete %s: %s", p, e.getMessage());
        }
    }

    private static String oneLine(String m) {
        if (m == null) {
            return "no message";
        }
        m = m.replaceAll("\\s+", " ").strip();
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
