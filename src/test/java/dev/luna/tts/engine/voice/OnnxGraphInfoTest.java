package dev.luna.tts.engine.voice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OnnxGraphInfoTest {

    @Test
    void speakerCountIsTheRowsOfTheSpeakerEmbedding() throws IOException {
        // the tiny voice's config.json says n_speakers 2 and its exporter made emb_g.weight [2, gin]
        assertEquals(OptionalLong.of(2), OnnxGraphInfo.read(Path.of("models/voices/tiny/model.onnx")).speakerCount());
        assertEquals(OptionalLong.of(2), OnnxGraphInfo.read(Path.of("models/voices/tiny/model.cuda.onnx")).speakerCount());
    }

    @Test
    void aGraphWithoutSpeakerEmbeddingSaysSo() throws IOException {
        assertEquals(OptionalLong.empty(), OnnxGraphInfo.read(Path.of("models/bert/tiny/model.onnx")).speakerCount());
    }

    @Test
    void truncatedOrForeignFilesAreRefused(@TempDir Path dir) throws IOException {
        byte[] model = Files.readAllBytes(Path.of("models/voices/tiny/model.onnx"));
        Path cut = dir.resolve("cut.onnx");
        Files.write(cut, Arrays.copyOf(model, model.length / 2));
        assertThrows(IOException.class, () -> OnnxGraphInfo.read(cut));
        Path text = dir.resolve("text.onnx");
        Files.writeString(text, "this is not an ONNX file");
        assertThrows(IOException.class, () -> OnnxGraphInfo.read(text));
    }
}
