package dev.luna.tts.engine.voice;

import java.nio.file.Path;
import java.util.List;

/**
 * One voice found in the repository: a folder (config.json + style_vectors.npy + newest model
 * file) or a single AIVMX file (config and style vectors in the ONNX metadata).
 *
 * @param cudaModel the same generator with its convolutions as MatMuls ({@code model.cuda.onnx},
 *                  {@code name.cuda.aivmx}, made by {@code luna_export gemm-convs}), or null
 * @param files     the keys of every file the voice is made of: a changed key means reload
 */
public record VoiceSource(String name, Kind kind, Path model, Path cudaModel, Path config, Path styleVectors,
                          List<FileKey> files) {
    public enum Kind { FOLDER, AIVMX }

    /** The file to load: the CUDA variant on the CUDA provider when there is one. */
    public Path modelFor(boolean cuda) {
        return cuda && cudaModel != null ? cudaModel : model;
    }
}
