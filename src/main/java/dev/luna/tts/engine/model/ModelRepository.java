package dev.luna.tts.engine.model;

import dev.luna.tts.engine.bert.BertFolder;

import dev.luna.tts.engine.voice.FileKey;
import dev.luna.tts.engine.voice.VoiceSource;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds voices and BERT models with glob patterns: voices/*&#47;config.json, voices/*.aivmx,
 * bert/*&#47;model.onnx. A {@code <stem>.cuda.onnx} (or {@code .cuda.aivmx}) beside a model is its
 * CUDA variant, not a model of its own.
 */
public final class ModelRepository {

    private static final Logger LOG = Logger.getLogger(ModelRepository.class);

    private final Path root;

    public ModelRepository(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public RepositoryScan scan() throws IOException {
        List<VoiceSource> voices = new ArrayList<>();
        Map<Path, String> problems = new LinkedHashMap<>();
        Path voicesDir = root.resolve("voices");
        if (Files.isDirectory(voicesDir)) {
            for (Path cfg : glob(voicesDir, "*/config.json")) {
                Path dir = cfg.getParent();
                Path model = newest(glob(dir, "*.{onnx,aivmx}").stream()
                        .filter(p -> !isCudaVariant(p) && !isSplitPart(p)).toList());
                Path styles = dir.resolve("style_vectors.npy");
                if (model == null) {
                    boolean checkpoint = !glob(dir, "*.safetensors").isEmpty();
                    // an SBV2 model_assets folder as SBV2 trains it: the checkpoint must be exported first
                    problems.put(dir, checkpoint ? "an SBV2 checkpoint (*.safetensors), not an ONNX model: export it with"
                            + " `cd onnx-export && python3 -m luna_export export voice <models>/" + root.relativize(dir) + " --name "
                            + dir.getFileName() + "`" : "no *.onnx model file");
                    continue;
                }
                if (!Files.isRegularFile(styles)) {
                    problems.put(dir, "no style_vectors.npy");
                    continue;
                }
                Path cuda = cudaVariant(model);
                VoiceSource.Split split = split(model);
                List<FileKey> keys = new ArrayList<>(keys(model, cuda, cfg, styles));
                if (split != null) {
                    keys.addAll(keys(split.latent(), split.decoder(), split.cudaLatent(), split.cudaDecoder(),
                            split.fp16Decoder(), split.fixedLatent()));
                }
                voices.add(new VoiceSource(dir.getFileName().toString(), VoiceSource.Kind.FOLDER, model, cuda, cfg, styles,
                        List.copyOf(keys), split));
            }
            for (Path f : glob(voicesDir, "*.aivmx")) {
                if (isCudaVariant(f)) {
                    continue;
                }
                String name = f.getFileName().toString().replaceFirst("\\.aivmx$", "");
                Path cuda = cudaVariant(f);
                voices.add(new VoiceSource(name, VoiceSource.Kind.AIVMX, f, cuda, null, null, keys(f, cuda)));
            }
        }
        voices.sort(Comparator.comparing(VoiceSource::name));
        List<Path> bert = new ArrayList<>();
        Path bertDir = root.resolve("bert");
        if (Files.isDirectory(bertDir)) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(bertDir)) {
                for (Path d : dirs) {
                    // SBV2 2.7 / AivisSpeech layout: model.onnx or model_fp16.onnx, tokenized from vocab.txt
                    // (or a character tokenizer.json, onnx-export's)
                    if (!Files.isDirectory(d) || !BertFolder.isBertFolder(d)) {
                        continue;
                    }
                    if (Files.isRegularFile(d.resolve("vocab.txt")) || Files.isRegularFile(d.resolve("tokenizer.json"))) {
                        bert.add(d);
                    } else {
                        problems.put(d, "no vocab.txt or tokenizer.json");
                    }
                }
            }
        }
        bert.sort(Comparator.naturalOrder());
        problems.forEach((p, why) -> LOG.warnf("Skipping %s: %s", p, why));
        return new RepositoryScan(voices, bert, problems);
    }

    /**
     * {@code <stem>.latent.onnx} and {@code <stem>.decoder.onnx} beside {@code <stem>.onnx} (onnx-export's split graphs,
     * with their {@code .cuda.onnx} variants, {@code <stem>.decoder.fp16.onnx} and {@code <stem>.latent.fixed.onnx} where
     * present), or null when either is missing.
     */
    static VoiceSource.Split split(Path model) {
        String name = model.getFileName().toString();
        if (!name.endsWith(".onnx")) {
            return null;
        }
        String stem = name.substring(0, name.length() - ".onnx".length());
        Path latent = model.resolveSibling(stem + ".latent.onnx");
        Path decoder = model.resolveSibling(stem + ".decoder.onnx");
        if (!Files.isRegularFile(latent) || !Files.isRegularFile(decoder)) {
            return null;
        }
        Path fp16 = model.resolveSibling(stem + ".decoder.fp16.onnx");
        Path fixed = model.resolveSibling(stem + ".latent.fixed.onnx");
        return new VoiceSource.Split(latent, decoder, cudaVariant(latent), cudaVariant(decoder),
                Files.isRegularFile(fp16) ? fp16 : null, Files.isRegularFile(fixed) ? fixed : null);
    }

    static boolean isSplitPart(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".latent.onnx") || n.endsWith(".decoder.onnx") || n.endsWith(".decoder.fp16.onnx")
                || n.endsWith(".latent.fixed.onnx");
    }

    /** {@code model.onnx} → {@code model.cuda.onnx} when that file exists, else null. */
    public static Path cudaVariant(Path model) {
        Path v = cudaVariantName(model);
        return Files.isRegularFile(v) ? v : null;
    }

    public static Path cudaVariantName(Path model) {
        String name = model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return model.resolveSibling(name.substring(0, dot) + ".cuda" + name.substring(dot));
    }

    static boolean isCudaVariant(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".cuda.onnx") || n.endsWith(".cuda.aivmx");
    }

    private static List<FileKey> keys(Path... files) throws IOException {
        List<FileKey> out = new ArrayList<>();
        for (Path f : files) {
            if (f != null) {
                out.add(FileKey.of(f));
            }
        }
        return List.copyOf(out);
    }

    /** Files matching a glob relative to {@code dir} (one level of sub-folders at most). */
    static List<Path> glob(Path dir, String pattern) throws IOException {
        List<Path> out = new ArrayList<>();
        int slash = pattern.indexOf('/');
        if (slash < 0) {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, pattern)) {
                for (Path p : s) {
                    if (Files.isRegularFile(p)) {
                        out.add(p);
                    }
                }
            }
        } else {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, pattern.substring(0, slash))) {
                for (Path sub : s) {
                    if (Files.isDirectory(sub)) {
                        out.addAll(glob(sub, pattern.substring(slash + 1)));
                    }
                }
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static Path newest(List<Path> files) throws IOException {
        Path best = null;
        long bestTime = Long.MIN_VALUE;
        for (Path p : files) {
            long t = Files.getLastModifiedTime(p).toMillis();
            if (t > bestTime) {
                best = p;
                bestTime = t;
            }
        }
        return best;
    }
}
