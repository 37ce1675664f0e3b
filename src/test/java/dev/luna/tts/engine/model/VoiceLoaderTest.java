package dev.luna.tts.engine.model;

import ai.onnxruntime.OrtSession;
import dev.luna.tts.engine.onnx.OrtRuntime;
import dev.luna.tts.engine.onnx.OrtSettings;
import dev.luna.tts.engine.voice.Voice;
import dev.luna.tts.engine.voice.VoiceSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A voice with split graphs loads its latent and decoder sessions side by side: a broken file on either side fails the
 * voice with our reason, and a sound pair loads.
 */
class VoiceLoaderTest {

    static OrtRuntime runtime;

    @BeforeAll
    static void cpu() {
        runtime = new OrtRuntime(new OrtSettings(OrtSettings.Provider.CPU, OrtSettings.LogLevel.ERROR, 0, "HEURISTIC",
                "kSameAsRequested", OptionalLong.empty(), false, OrtSession.SessionOptions.OptLevel.ALL_OPT,
                OrtSettings.ExecutionMode.AUTO, OrtSettings.ThreadSpinning.AUTO));
    }

    static VoiceSource copyOfTinyVoice(Path root, String broken) throws Exception {
        Path src = Path.of("models/voices/tiny");
        Path dst = Files.createDirectories(root.resolve("voices/tiny"));
        try (Stream<Path> files = Files.list(src)) {
            for (Path f : files.toList()) {
                Files.copy(f, dst.resolve(f.getFileName()));
            }
        }
        if (broken != null) {
            Files.writeString(dst.resolve(broken), "not an ONNX graph");
        }
        VoiceSource voice = new ModelRepository(root).scan().voices().get(0);
        assertNotNull(voice.split(), "the tiny voice has split graphs");
        return voice;
    }

    @Test
    void splitGraphsLoadSideBySide(@TempDir Path root) throws Exception {
        Voice v = new VoiceLoader(runtime, new ConfigCache()).load(copyOfTinyVoice(root, null), true);
        try {
            assertNotNull(v.split());
            assertEquals(80, v.split().chunkFrames());
        } finally {
            v.retire();
        }
    }

    /** A broken latent graph is found by the cheap checks, before any session; a broken decoder by its session. */
    @ParameterizedTest
    @CsvSource({"model.decoder.onnx, ONNX Runtime cannot load the model file",
            "model.latent.onnx, a file of the voice cannot be read"})
    void aBrokenGraphFailsTheVoice(String file, String reason, @TempDir Path root) throws Exception {
        VoiceSource src = copyOfTinyVoice(root, file);
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> new VoiceLoader(runtime, new ConfigCache()).load(src, true));
        assertEquals(reason, e.getMessage());
    }

    @Test
    void aDecoderInTheLatentGraphsPlaceFailsTheVoiceAfterBothSessions(@TempDir Path root) throws Exception {
        VoiceSource src = copyOfTinyVoice(root, null);
        Files.copy(src.split().decoder(), src.split().latent(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> new VoiceLoader(runtime, new ConfigCache()).load(src, true));
        assertEquals("not an SBV2 JP-Extra graph: no style_vec input", e.getMessage());
    }
}
