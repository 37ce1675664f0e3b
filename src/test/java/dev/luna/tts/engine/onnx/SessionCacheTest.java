package dev.luna.tts.engine.onnx;

import dev.luna.tts.api.AivmxFiles;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session cache on the CPU with the shipped tiny BERT: an entry is written on the first load,
 * used as is on the next start (same file, not rewritten, same outputs), and replaced when the model
 * changes, when it was made by another ONNX Runtime, and when it or its manifest is corrupt. An
 * unusable cache directory never stops a model from loading.
 */
class SessionCacheTest {

    static Path shippedBert;

    @TempDir
    Path tmp;

    @BeforeAll
    static void models() throws Exception {
        Path bertRoot = Path.of(System.getProperty("lunatest.models", "models")).resolve("bert");
        try (var s = Files.list(bertRoot)) {
            shippedBert = s.filter(Files::isDirectory).findFirst().orElseThrow().resolve("model.onnx");
        }
    }

    /** A fresh runtime per "start": nothing is shared with the previous one but the cache directory. */
    static OrtRuntime start(Path cacheDir, SessionCache.Format format) {
        OrtSettings s = new OrtSettings(OrtSettings.Provider.CPU, OrtSettings.LogLevel.WARNING, 0, "HEURISTIC",
                "kSameAsRequested", OptionalLong.empty(), false, OrtSession.SessionOptions.OptLevel.ALL_OPT,
                OrtSettings.ExecutionMode.AUTO, OrtSettings.ThreadSpinning.AUTO);
        return new OrtRuntime(s, new SessionCache(new SessionCache.Settings(true, cacheDir, format,
                SessionCache.Fingerprint.SAMPLED)));
    }

    Path copyOfBert() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("models/bert/tiny"));
        Path m = dir.resolve("model.onnx");
        Files.copy(shippedBert, m);
        return m;
    }

    static float[][] features(OrtSession s) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] ids = {2, 10, 11, 12, 13, 14, 3};
        long[] mask = {1, 1, 1, 1, 1, 1, 1};
        try (OnnxTensor i = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[]{1, ids.length});
             OnnxTensor a = OnnxTensor.createTensor(env, LongBuffer.wrap(mask), new long[]{1, mask.length});
             OrtSession.Result r = s.run(Map.of("input_ids", i, "attention_mask", a))) {
            return (float[][]) r.get(0).getValue();
        }
    }

    @Test
    void writtenOnceThenReusedWithTheSameOutputs() throws Exception {
        Path model = copyOfBert();
        Path cache = tmp.resolve("cache");
        float[][] reference;
        try (OrtSession plain = new OrtRuntime(start(cache, SessionCache.Format.ORT).settings())
                .createSession(model, OrtRuntime.SessionKind.BERT)) {
            reference = features(plain);
        }

        OrtRuntime first = start(cache, SessionCache.Format.ORT);
        Path entry;
        try (OrtSession s = first.createSession(model, OrtRuntime.SessionKind.BERT)) {
            SessionCache.Result r = first.sessionCache().resultFor(model);
            assertEquals(SessionCache.Outcome.WRITTEN, r.outcome());
            entry = r.entry();
            assertTrue(Files.isRegularFile(entry) && entry.toString().endsWith(".ort"), entry.toString());
            assertTrue(Files.isRegularFile(SessionCache.manifestOf(entry)));
            assertEquals(1, first.sessionCache().writes());
            assertEquals(0, first.sessionCache().hits());
            assertFloatsEqual(reference, features(s));
        }
        // nothing else is left in the directory: no temporary files
        try (var files = Files.list(cache)) {
            assertEquals(2, files.count());
        }
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(entry, old);

        OrtRuntime second = start(cache, SessionCache.Format.ORT);
        try (OrtSession s = second.createSession(model, OrtRuntime.SessionKind.BERT)) {
            SessionCache.Result r = second.sessionCache().resultFor(model);
            assertEquals(SessionCache.Outcome.HIT, r.outcome());
            assertEquals(entry, r.entry());
            assertEquals(1, second.sessionCache().hits());
            assertEquals(0, second.sessionCache().writes());
            assertEquals(old, Files.getLastModifiedTime(entry), "a hit must not rewrite the entry");
            assertFloatsEqual(reference, features(s));
            // a hit runs from the memory-mapped entry: the mapping must outlive collections while the session lives
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            assertFloatsEqual(reference, features(s));
        }
    }

    @Test
    void onnxFormatWorksToo() throws Exception {
        Path model = copyOfBert();
        Path cache = tmp.resolve("cache");
        float[][] written;
        OrtRuntime first = start(cache, SessionCache.Format.ONNX);
        try (OrtSession s = first.createSession(model, OrtRuntime.SessionKind.BERT)) {
            assertEquals(SessionCache.Outcome.WRITTEN, first.sessionCache().resultFor(model).outcome());
            assertTrue(first.sessionCache().resultFor(model).entry().toString().endsWith(".onnx"));
            written = features(s);
        }
        OrtRuntime second = start(cache, SessionCache.Format.ONNX);
        try (OrtSession s = second.createSession(model, OrtRuntime.SessionKind.BERT)) {
            assertEquals(SessionCache.Outcome.HIT, second.sessionCache().resultFor(model).outcome());
            assertFloatsEqual(written, features(s));
        }
    }

    @Test
    void replacedWhenTheModelFileChanges() throws Exception {
        Path model = copyOfBert();
        Path cache = tmp.resolve("cache");
        OrtRuntime first = start(cache, SessionCache.Format.ORT);
        first.createSession(model, OrtRuntime.SessionKind.BERT).close();
        Path entry = first.sessionCache().resultFor(model).entry();

        Files.write(model, ProbeModel.bytes());   // another graph under the same name
        OrtRuntime second = start(cache, SessionCache.Format.ORT);
        try (OrtSession s = second.createSession(model, OrtRuntime.SessionKind.BERT)) {
            SessionCache.Result r = second.sessionCache().resultFor(model);
            assertEquals(SessionCache.Outcome.REPLACED, r.outcome());
            assertEquals("the model file changed", r.reason());
            assertEquals(entry, r.entry());
            assertEquals(java.util.Set.of(ProbeModel.INPUT), s.getInputNames(), "the new model is served, not the cached one");
        }
        OrtRuntime third = start(cache, SessionCache.Format.ORT);
        try (OrtSession s = third.createSession(model, OrtRuntime.SessionKind.BERT)) {
            assertEquals(SessionCache.Outcome.HIT, third.sessionCache().resultFor(model).outcome());
            assertEquals(java.util.Set.of(ProbeModel.INPUT), s.getInputNames());
        }
    }

    @Test
    void replacedWhenMadeByAnotherOnnxRuntimeVersion() throws Exception {
        Path model = copyOfBert();
        Path cache = tmp.resolve("cache");
        OrtRuntime first = start(cache, SessionCache.Format.ORT);
        first.createSession(model, OrtRuntime.SessionKind.BERT).close();
        Path manifest = SessionCache.manifestOf(first.sessionCache().resultFor(model).entry());
        String real = edit(manifest, "ort.version", "1.28.0");
        assertEquals(OrtEnvironment.getEnvironment().getVersion(), real);

        OrtRuntime second = start(cache, SessionCache.Format.ORT);
        second.createSession(model, OrtRuntime.SessionKind.BERT).close();
        SessionCache.Result r = second.sessionCache().resultFor(model);
        assertEquals(SessionCache.Outcome.REPLACED, r.outcome());
        assertEquals("made by ONNX Runtime 1.28.0, this is " + real, r.reason());
        assertEquals(real, load(manifest).getProperty("ort.version"));
        assertEquals(1, second.sessionCache().replaced());
    }

    @Test
    void replacedWhenCorrupt() throws Exception {
        Path model = copyOfBert();
        Path cache = tmp.resolve("cache");
        Cached written = writeEntry(cache, model);
        Path entry = written.entry();
        float[][] reference = written.reference();
        long size = Files.size(entry);

        // truncated
        try (var ch = java.nio.channels.FileChannel.open(entry, StandardOpenOption.WRITE)) {
            ch.truncate(size / 2);
        }
        assertReplaced(cache, model, reference, "entry is " + size / 2 + " bytes, the manifest says " + size
                + " (truncated or overwritten)");
        assertEquals(size, Files.size(entry));

        // same size, one byte changed in the middle
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(entry, bytes);
        String reason = assertReplaced(cache, model, reference, null);
        assertTrue(reason.startsWith("entry checksum mismatch"), reason);

        // unreadable manifest
        Files.writeString(SessionCache.manifestOf(entry), "\\u12");   // a malformed escape
        reason = assertReplaced(cache, model, reference, null);
        assertTrue(reason.startsWith("manifest"), reason);

        // manifest gone, entry left behind
        Files.delete(SessionCache.manifestOf(entry));
        reason = assertReplaced(cache, model, reference, null);
        assertTrue(reason.startsWith("manifest"), reason);

        // and after all that a clean start hits again
        OrtRuntime last = start(cache, SessionCache.Format.ORT);
        last.createSession(model, OrtRuntime.SessionKind.BERT).close();
        assertEquals(SessionCache.Outcome.HIT, last.sessionCache().resultFor(model).outcome());
    }

    /** An entry that passes every check but that ONNX Runtime cannot load is rebuilt in place, and served right. */
    @Test
    void anEntryOnnxRuntimeCannotLoadIsRebuilt() throws Exception {
        Path model = copyOfBert();
        Path cache = tmp.resolve("cache");
        Cached written = writeEntry(cache, model);
        Path entry = written.entry();
        float[][] reference = written.reference();
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        Files.write(entry, garbage);
        edit(SessionCache.manifestOf(entry), "entry.size", Integer.toString(garbage.length));
        edit(SessionCache.manifestOf(entry), "entry.crc32c", Long.toHexString(SessionCache.crc32c(entry)));
        String reason = assertReplaced(cache, model, reference, null);
        assertTrue(reason.startsWith("ONNX Runtime could not load it"), reason);
        OrtRuntime last = start(cache, SessionCache.Format.ORT);
        last.createSession(model, OrtRuntime.SessionKind.BERT).close();
        assertEquals(SessionCache.Outcome.HIT, last.sessionCache().resultFor(model).outcome());
    }

    /** An entry written for {@code model}, and the features its session gave. */
    private record Cached(Path entry, float[][] reference) {
    }

    private Cached writeEntry(Path cache, Path model) throws Exception {
        OrtRuntime first = start(cache, SessionCache.Format.ORT);
        try (OrtSession s = first.createSession(model, OrtRuntime.SessionKind.BERT)) {
            return new Cached(first.sessionCache().resultFor(model).entry(), features(s));
        }
    }

    private String assertReplaced(Path cache, Path model, float[][] reference, String reason) throws Exception {
        OrtRuntime r = start(cache, SessionCache.Format.ORT);
        try (OrtSession s = r.createSession(model, OrtRuntime.SessionKind.BERT)) {
            SessionCache.Result res = r.sessionCache().resultFor(model);
            assertEquals(SessionCache.Outcome.REPLACED, res.outcome(), res.toString());
            if (reason != null) {
                assertEquals(reason, res.reason());
            }
            assertFloatsEqual(reference, features(s));
            return res.reason();
        }
    }

    @Test
    void modelMetadataSurvivesTheCache() throws Exception {
        // AIVMX voices keep their hyper-parameters and style vectors in the model's metadata
        Path model = tmp.resolve("one.aivmx");
        Files.write(model, AivmxFiles.withMetadata(Files.readAllBytes(shippedBert), Map.of("aivm_hyper_parameters", "{\"x\":1}")));
        Path cache = tmp.resolve("cache");
        start(cache, SessionCache.Format.ORT).createSession(model, OrtRuntime.SessionKind.BERT).close();
        OrtRuntime second = start(cache, SessionCache.Format.ORT);
        try (OrtSession s = second.createSession(model, OrtRuntime.SessionKind.BERT)) {
            assertEquals(SessionCache.Outcome.HIT, second.sessionCache().resultFor(model).outcome());
            assertEquals("{\"x\":1}", s.getMetadata().getCustomMetadata().get("aivm_hyper_parameters"));
        }
    }

    @Test
    void anUnusableDirectoryOnlyDisablesTheCache() throws Exception {
        Path model = copyOfBert();
        Path notADir = Files.writeString(tmp.resolve("file"), "x");
        OrtRuntime r = start(notADir.resolve("cache"), SessionCache.Format.ORT);
        try (OrtSession s = r.createSession(model, OrtRuntime.SessionKind.BERT)) {
            assertEquals(SessionCache.Outcome.DISABLED, r.sessionCache().resultFor(model).outcome());
            assertFalse(r.sessionCache().active());
            assertEquals(7, features(s).length);
        }
    }

    @Test
    void sampledFingerprintReadsSlicesFullReadsAll() throws Exception {
        Path f = tmp.resolve("big.bin");
        byte[] data = new byte[40 << 20];
        new java.util.Random(1).nextBytes(data);
        Files.write(f, data);
        String sampled = SessionCache.fingerprint(f, SessionCache.Fingerprint.SAMPLED);
        String full = SessionCache.fingerprint(f, SessionCache.Fingerprint.FULL);
        assertNotEquals(sampled, full);

        // a byte between two slices: only FULL sees it
        data[(int) ((40L << 20) / 15 / 2 + (1 << 20) + 7)] ^= 1;
        Files.write(f, data);
        assertEquals(sampled, SessionCache.fingerprint(f, SessionCache.Fingerprint.SAMPLED));
        assertNotEquals(full, SessionCache.fingerprint(f, SessionCache.Fingerprint.FULL));

        // the first and the last MiB are always read
        data[10] ^= 1;
        Files.write(f, data);
        String first = SessionCache.fingerprint(f, SessionCache.Fingerprint.SAMPLED);
        assertNotEquals(sampled, first);
        data[data.length - 3] ^= 1;
        Files.write(f, data);
        assertNotEquals(first, SessionCache.fingerprint(f, SessionCache.Fingerprint.SAMPLED));

        // the size is part of it
        Files.write(f, java.util.Arrays.copyOf(data, data.length + 1));
        assertNotEquals(SessionCache.fingerprint(f, SessionCache.Fingerprint.SAMPLED), first);
    }

    @Test
    void entryNamesAreReadableAndPerPath() {
        String a = SessionCache.entryName(Path.of("/m/voices/tiny/model.onnx"), "cpu", "ALL_OPT");
        String b = SessionCache.entryName(Path.of("/other/voices/tiny/model.onnx"), "cpu", "ALL_OPT");
        assertTrue(a.startsWith("voices_tiny_model.onnx-") && a.endsWith("-cpu-ALL_OPT"), a);
        assertNotEquals(a, b);
    }

    private static String edit(Path properties, String key, String value) throws Exception {
        Properties p = load(properties);
        String old = p.getProperty(key);
        p.setProperty(key, value);
        try (OutputStream out = Files.newOutputStream(properties)) {
            p.store(out, null);
        }
        return old;
    }

    private static Properties load(Path properties) throws Exception {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(properties)) {
            p.load(in);
        }
        return p;
    }

    private static void assertFloatsEqual(float[][] want, float[][] got) {
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertArrayEquals(want[i], got[i], "row " + i);
        }
    }
}
