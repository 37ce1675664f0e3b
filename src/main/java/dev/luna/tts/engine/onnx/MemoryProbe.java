package dev.luna.tts.engine.onnx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Process memory as the operating system and the NVIDIA driver report it. ONNX Runtime's Java API
 * exposes neither its allocators' statistics nor CUDA's {@code cudaMemGetInfo}, so a model's memory
 * is measured as the growth of these figures while its session is created: host = resident set
 * ({@code /proc/self/statm}), device = this process's usage in {@code nvidia-smi}'s compute-apps
 * list (the tool ships with the driver; absent, device memory is unknown).
 */
public final class MemoryProbe {

    private static final long PAGE = 4096;
    private static volatile boolean smiMissing;

    private MemoryProbe() {
    }

    /** Resident bytes of this process, or -1 where /proc is not there. */
    public static long hostRss() {
        try {
            String[] f = Files.readString(Path.of("/proc/self/statm"), StandardCharsets.US_ASCII).trim().split("\\s+");
            return Long.parseLong(f[1]) * PAGE;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Device bytes this process holds on any GPU, per nvidia-smi; empty when it cannot tell. */
    public static OptionalLong deviceUsed() {
        if (smiMissing) {
            return OptionalLong.empty();
        }
        long pid = ProcessHandle.current().pid();
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-compute-apps=pid,used_memory",
                    "--format=csv,noheader,nounits").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return OptionalLong.empty();
            }
            long mib = 0;
            boolean found = false;
            for (String line : out.split("\n")) {
                String[] f = line.split(",");
                if (f.length == 2 && f[0].strip().equals(Long.toString(pid))) {
                    mib += Long.parseLong(f[1].strip());
                    found = true;
                }
            }
            // listed only once the process has a CUDA context: not listed means none yet
            return OptionalLong.of(found ? mib << 20 : 0);
        } catch (IOException e) {
            smiMissing = true;
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        } catch (RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * What creating one model's session added.
     *
     * @param hostBytes   growth of the resident set
     * @param deviceBytes growth of device memory, or -1 when unknown (CPU provider, no nvidia-smi)
     * @param overlapped  whether another session was being created at the same time (the figures then
     *                    include part of its memory too)
     */
    public record ModelMemory(long hostBytes, long deviceBytes, boolean overlapped) {
    }
}
