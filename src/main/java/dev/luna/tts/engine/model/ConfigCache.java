package dev.luna.tts.engine.model;

import dev.luna.tts.engine.voice.FileKey;
import dev.luna.tts.engine.voice.VoiceConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Parsed config.json files keyed by path+mtime+size: a refresh parses only new or changed ones. */
public final class ConfigCache {

    private final Map<FileKey, VoiceConfig> cache = new ConcurrentHashMap<>();
    private final AtomicInteger parses = new AtomicInteger();

    public VoiceConfig get(FileKey key) throws IOException {
        VoiceConfig c = cache.get(key);
        if (c != null) {
            return c;
        }
        c = VoiceConfig.parse(Files.readAllBytes(key.path()));
        parses.incrementAndGet();
        cache.put(key, c);
        return c;
    }

    /** For configs embedded in a file (AIVMX): parse once per file key. */
    public VoiceConfig get(FileKey key, Function<FileKey, VoiceConfig> parser) {
        return cache.computeIfAbsent(key, k -> {
            parses.incrementAndGet();
            return parser.apply(k);
        });
    }

    /** Drops entries whose file is no longer among {@code live}. */
    public void retainOnly(java.util.Set<FileKey> live) {
        cache.keySet().retainAll(live);
    }

    public int parseCount() {
        return parses.get();
    }

    public int size() {
        return cache.size();
    }
}
