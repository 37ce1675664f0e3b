package dev.luna.tts.engine.onnx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * What an optimized graph is specific to besides the model and ONNX Runtime's version: with all
 * optimizations ONNX Runtime lays CPU kernels out for the instruction set it found (its NCHWc
 * transformer, with a warning that the saved graph "should only be used in the same environment"),
 * and on CUDA it assigns nodes to the provider and fuses them for it. So a cache entry is keyed by
 * the CPU's model and feature flags, and on CUDA also by the GPUs' model names (from the driver's
 * {@code /proc/driver/nvidia/gpus/}: a proxy for the compute capability, which plain Java cannot ask
 * CUDA for).
 */
final class DeviceIdentity {

    private DeviceIdentity() {
    }

    static String of(boolean cuda, int deviceId) {
        StringBuilder s = new StringBuilder(System.getProperty("os.arch")).append(' ').append(cpu());
        if (cuda) {
            s.append("; cuda:").append(deviceId).append(' ').append(gpus());
        }
        return s.toString();
    }

    /** CPU model name and a short hash of its feature flags (from /proc/cpuinfo; "unknown" elsewhere). */
    static String cpu() {
        String model = "unknown-cpu";
        String flags = "";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String k = line.substring(0, colon).strip();
                String v = line.substring(colon + 1).strip();
                if (k.equals("model name") && model.equals("unknown-cpu")) {
                    model = v;
                } else if ((k.equals("flags") || k.equals("Features")) && flags.isEmpty()) {
                    flags = v;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the architecture alone keys the entry
        }
        return model + " flags:" + sha256(flags).substring(0, 12);
    }

    /** Sorted model names of the NVIDIA GPUs the driver lists, or "unknown-gpu". */
    static String gpus() {
        TreeSet<String> names = new TreeSet<>();
        Path root = Path.of("/proc/driver/nvidia/gpus");
        if (Files.isDirectory(root)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
                for (Path gpu : ds) {
                    List<String> lines = Files.readAllLines(gpu.resolve("information"), StandardCharsets.UTF_8);
                    for (String line : lines) {
                        if (line.startsWith("Model:")) {
                            names.add(line.substring("Model:".length()).strip());
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // unreadable: keyed as unknown
            }
        }
        return names.isEmpty() ? "unknown-gpu" : String.join(",", names);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
