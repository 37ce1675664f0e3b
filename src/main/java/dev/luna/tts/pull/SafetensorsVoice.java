package dev.luna.tts.pull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An SBV2 voice folder as training leaves it ({@code model_assets/<name>/}: config.json,
 * style_vectors.npy, {@code *.safetensors} checkpoints) holds no ONNX graph, so the service cannot
 * load it; onnx-export converts it in place. This names the one command to run.
 */
public final class SafetensorsVoice {

    private SafetensorsVoice() {
    }

    /**
     * For a folder with config.json and a {@code *.safetensors} but no {@code *.onnx}/{@code *.aivmx}:
     * one line saying it needs onnx-export and the command; empty for any other folder.
     */
    public static Optional<String> exportHint(Path voiceDir) {
        if (!Files.isRegularFile(voiceDir.resolve("config.json"))) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(voiceDir)) {
            boolean onnx = false;
            boolean safetensors = false;
            for (Path p : files.toList()) {
                String n = p.getFileName().toString();
                onnx |= n.endsWith(".onnx") || n.endsWith(".aivmx");
                safetensors |= n.endsWith(".safetensors") && !n.startsWith(".");
            }
            if (onnx || !safetensors) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        Path abs = voiceDir.toAbsolutePath().normalize();
        return Optional.of(abs + " is an SBV2 model folder (*.safetensors, no ONNX): convert it with `"
                + command(abs, abs.getParent().getParent()) + "`");
    }

    /** onnx-export's command that replaces {@code <models>/voices/<name>} by its ONNX export. */
    public static String command(Path voiceDir, Path models) {
        String name = voiceDir.getFileName().toString();
        return "cd onnx-export && python3 -m luna_export export voice " + sh(voiceDir.toString()) + " --name "
                + sh(name) + " --out " + sh(models.toAbsolutePath().normalize().toString());
    }

    /** A word for a POSIX shell: as is when it is plain, else single-quoted. */
    static String sh(String s) {
        return s.matches("[A-Za-z0-9_./:@%+=,-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
