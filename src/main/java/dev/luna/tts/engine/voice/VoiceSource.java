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
                          List<FileKey> files, Split split) {
    public enum Kind { FOLDER, AIVMX }

    /**
     * The split graphs for sub-sentence streaming beside {@code model.onnx} ({@code model.latent.onnx},
     * {@code model.decoder.onnx}, and their CUDA variants or null), the decoder computing in float16
     * ({@code model.decoder.fp16.onnx}) or null, and the latent graph for fixed-shape sessions
     * ({@code model.latent.fixed.onnx}: noise as inputs) or null.
     */
    public record Split(Path latent, Path decoder, Path cudaLatent, Path cudaDecoder, Path fp16Decoder,
                        Path fixedLatent) {
        public Path latentFor(boolean cuda) {
            return cuda && cudaLatent != null ? cudaLatent : latent;
        }

        public Path decoderFor(boolean cuda) {
            return cuda && cudaDecoder != null ? cudaDecoder : decoder;
        }
    }

    public VoiceSource(String name, Kind kind, Path model, Path cudaModel, Path config, Path styleVectors,
                       List<FileKey> files) {
        this(name, kind, model, cudaModel, config, styleVectors, files, null);
    }

    /** The file to load: the CUDA variant on the CUDA provider when there is one. */
    public Path modelFor(boolean cuda) {
        return cuda && cudaModel != null ? cudaModel : model;
    }
}
