package dev.luna.tts.engine.model;

import dev.luna.tts.engine.voice.FileKey;
import dev.luna.tts.engine.voice.VoiceConfig;
import dev.luna.tts.engine.voice.VoiceSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelRepositoryTest {

    static final String CONFIG = "{\"model_name\":\"a\",\"data\":{\"sampling_rate\":44100,"
            + "\"spk2id\":{\"alice\":0,\"bob\":1},\"style2id\":{\"Neutral\":0,\"Happy\":1}}}";

    /** voices/NAME with config.json and style_vectors.npy, no model file yet. */
    private static Path voiceFolder(Path root, String name) throws Exception {
        Path dir = Files.createDirectories(root.resolve("voices").resolve(name));
        Files.writeString(dir.resolve("config.json"), CONFIG);
        Files.write(dir.resolve("style_vectors.npy"), new byte[]{1});
        return dir;
    }

    @Test
    void globsVoicesAiVmxAndBert(@TempDir Path root) throws Exception {
        Path a = voiceFolder(root, "a");
        Files.write(a.resolve("old.onnx"), new byte[]{1});
        Files.write(a.resolve("new.onnx"), new byte[]{2});
        Files.setLastModifiedTime(a.resolve("old.onnx"), FileTime.fromMillis(1000));
        Files.setLastModifiedTime(a.resolve("new.onnx"), FileTime.fromMillis(2000));
        Path noModel = Files.createDirectories(root.resolve("voices/b"));
        Files.writeString(noModel.resolve("config.json"), CONFIG);
        Files.write(root.resolve("voices/c.aivmx"), new byte[]{3});
        Files.createDirectories(root.resolve("voices/notavoice"));
        Path bert = Files.createDirectories(root.resolve("bert/x"));
        Files.write(bert.resolve("model.onnx"), new byte[]{4});
        Files.writeString(bert.resolve("tokenizer.json"), "{}");

        RepositoryScan s = new ModelRepository(root).scan();
        assertEquals(List.of("a", "c"), s.voices().stream().map(VoiceSource::name).toList());
        assertEquals(a.resolve("new.onnx"), s.voices().get(0).model());
        assertEquals(VoiceSource.Kind.AIVMX, s.voices().get(1).kind());
        assertEquals(List.of(bert), s.bertDirs());
        assertTrue(s.problems().containsKey(noModel));
    }

    @Test
    void bertFoldersAsSbv2AndAivisSpeechLayThemOut(@TempDir Path root) throws Exception {
        Path aivis = Files.createDirectories(root.resolve("bert/aivis"));   // model_fp16.onnx alone, vocab.txt
        Files.write(aivis.resolve("model_fp16.onnx"), new byte[]{1});
        Files.writeString(aivis.resolve("vocab.txt"), "[PAD]\n[UNK]\n[CLS]\n[SEP]\n");
        Path sbv2 = Files.createDirectories(root.resolve("bert/sbv2"));     // model.onnx, vocab.txt, WordPiece json
        Files.write(sbv2.resolve("model.onnx"), new byte[]{2});
        Files.writeString(sbv2.resolve("vocab.txt"), "[PAD]\n[UNK]\n[CLS]\n[SEP]\n");
        Files.writeString(sbv2.resolve("tokenizer.json"), "{}");
        Path untokenized = Files.createDirectories(root.resolve("bert/bare"));
        Files.write(untokenized.resolve("model.onnx"), new byte[]{3});
        Files.createDirectories(root.resolve("bert/empty"));

        Path trained = voiceFolder(root, "trained");   // SBV2 model_assets/<name>/ as SBV2 writes it
        Files.write(trained.resolve("trained_e100_s1000.safetensors"), new byte[]{4});

        RepositoryScan s = new ModelRepository(root).scan();
        assertEquals(List.of(aivis, sbv2), s.bertDirs());
        assertTrue(s.problems().get(trained).contains("python3 -m luna_export export voice"), s.problems().get(trained));
        assertEquals("no vocab.txt or tokenizer.json", s.problems().get(untokenized));
    }

    @Test
    void cudaVariantsBelongToTheirModel(@TempDir Path root) throws Exception {
        Path a = voiceFolder(root, "a");
        Files.write(a.resolve("model.onnx"), new byte[]{1});
        Files.write(a.resolve("model.cuda.onnx"), new byte[]{2});
        // newer than model.onnx, yet a variant, never the voice's model
        Files.setLastModifiedTime(a.resolve("model.onnx"), FileTime.fromMillis(1000));
        Files.write(root.resolve("voices/c.aivmx"), new byte[]{3});
        Files.write(root.resolve("voices/c.cuda.aivmx"), new byte[]{4});
        Files.write(root.resolve("voices/d.aivmx"), new byte[]{5});

        RepositoryScan s = new ModelRepository(root).scan();
        assertEquals(List.of("a", "c", "d"), s.voices().stream().map(VoiceSource::name).toList());
        VoiceSource va = s.voices().get(0);
        assertEquals(a.resolve("model.onnx"), va.modelFor(false));
        assertEquals(a.resolve("model.cuda.onnx"), va.modelFor(true));
        assertTrue(va.files().contains(FileKey.of(a.resolve("model.cuda.onnx"))), "a new variant must reload the voice");
        assertEquals(root.resolve("voices/c.cuda.aivmx"), s.voices().get(1).modelFor(true));
        assertEquals(root.resolve("voices/c.aivmx"), s.voices().get(1).files().get(0).path(), "AIVMX config key first");
        assertEquals(root.resolve("voices/d.aivmx"), s.voices().get(2).modelFor(true), "no variant: the model itself");
    }

    @Test
    void theFixedShapeLatentGraphIsPartOfTheSplitGraphsNeverAVoice(@TempDir Path root) throws Exception {
        Path a = voiceFolder(root, "a");
        for (String f : List.of("model.onnx", "model.latent.onnx", "model.decoder.onnx", "model.latent.fixed.onnx")) {
            Files.write(a.resolve(f), new byte[]{1});
        }
        // newest, yet part of the split graphs, never the voice's model
        Files.setLastModifiedTime(a.resolve("model.onnx"), FileTime.fromMillis(1000));
        VoiceSource v = new ModelRepository(root).scan().voices().get(0);
        assertEquals(a.resolve("model.onnx"), v.model());
        assertEquals(a.resolve("model.latent.fixed.onnx"), v.split().fixedLatent());
        assertTrue(v.files().contains(FileKey.of(v.split().fixedLatent())), "a new fixed latent graph must reload the voice");
        Files.delete(a.resolve("model.latent.fixed.onnx"));
        assertNull(new ModelRepository(root).scan().voices().get(0).split().fixedLatent());
    }

    @Test
    void latentShapesAreBxTxFOrNone() {
        assertEquals(List.of(new VoiceLoader.LatentShape(8, 128, 512), new VoiceLoader.LatentShape(1, 384, 1536)),
                VoiceLoader.LatentShape.parse(List.of("8x128x512", " 1x384x1536 ")));
        assertEquals(List.of(), VoiceLoader.LatentShape.parse(List.of("none")));
        assertEquals("8x128x512", new VoiceLoader.LatentShape(8, 128, 512).toString());
        for (String bad : List.of("8x128", "0x128x512", "8x128x-1", "axbxc", "8x128x512x1", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> VoiceLoader.LatentShape.parse(List.of(bad)));
            assertTrue(e.getMessage().startsWith("luna.cuda.latent-shapes: '" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void theHalfPrecisionDecoderIsFoundAndPickedOnlyForTheCudnnDecoder(@TempDir Path root) throws Exception {
        Path a = voiceFolder(root, "a");
        for (String f : List.of("model.onnx", "model.latent.onnx", "model.decoder.onnx", "model.decoder.cuda.onnx",
                "model.decoder.fp16.onnx")) {
            Files.write(a.resolve(f), new byte[]{1});
        }
        // newest, yet part of the split graphs, never the voice's model
        Files.setLastModifiedTime(a.resolve("model.onnx"), FileTime.fromMillis(1000));
        VoiceSource v = new ModelRepository(root).scan().voices().get(0);
        assertEquals(a.resolve("model.onnx"), v.model());
        VoiceSource.Split sp = v.split();
        assertEquals(a.resolve("model.decoder.fp16.onnx"), sp.fp16Decoder());
        assertTrue(v.files().contains(FileKey.of(sp.fp16Decoder())), "a new half decoder must reload the voice");

        VoiceLoader.DecoderPrecision auto = VoiceLoader.DecoderPrecision.AUTO;
        assertEquals(sp.fp16Decoder(), VoiceLoader.decoderFor(sp, true, 4, auto), "CUDA, cuDNN decoder: half");
        assertEquals(sp.decoder(), VoiceLoader.decoderFor(sp, true, 4, VoiceLoader.DecoderPrecision.FP32));
        assertEquals(sp.cudaDecoder(), VoiceLoader.decoderFor(sp, true, 0, auto), "the MatMul variant has no half form");
        assertEquals(sp.decoder(), VoiceLoader.decoderFor(sp, false, 4, VoiceLoader.DecoderPrecision.FP16),
                "the CPU has no half convolutions");

        Files.delete(a.resolve("model.decoder.fp16.onnx"));
        VoiceSource.Split without = new ModelRepository(root).scan().voices().get(0).split();
        assertEquals(without.decoder(), VoiceLoader.decoderFor(without, true, 4, auto), "AUTO falls back to float32");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VoiceLoader.decoderFor(without, true, 4, VoiceLoader.DecoderPrecision.FP16));
        assertTrue(e.getMessage().contains("model.decoder.fp16.onnx"), e.getMessage());
    }

    @Test
    void configCacheParsesOncePerFileVersion(@TempDir Path root) throws Exception {
        Path cfg = root.resolve("config.json");
        Files.writeString(cfg, CONFIG);
        ConfigCache cache = new ConfigCache();
        VoiceConfig c1 = cache.get(FileKey.of(cfg));
        VoiceConfig c2 = cache.get(FileKey.of(cfg));
        assertSame(c1, c2);
        assertEquals(1, cache.parseCount());
        assertEquals(1, c1.spk2id().get("bob"));
        assertEquals("bob", c1.speakerName(1));
        Files.writeString(cfg, CONFIG.replace("\"bob\":1", "\"bob\":1,\"carol\":2"));
        Files.setLastModifiedTime(cfg, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        VoiceConfig c3 = cache.get(FileKey.of(cfg));
        assertNotSame(c1, c3);
        assertEquals(2, cache.parseCount());
        assertEquals(2, c3.spk2id().get("carol"));
    }

    @Test
    void badConfigsAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> VoiceConfig.parse("{".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> VoiceConfig.parse("{\"data\":{}}".getBytes()));
        assertEquals(java.util.Map.of("Neutral", 0),
                VoiceConfig.parse("{\"data\":{\"sampling_rate\":44100,\"spk2id\":{\"a\":0}}}".getBytes()).style2id());
    }
}
