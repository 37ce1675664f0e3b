package dev.luna.tts.engine.voice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** A file's identity for caching: path, modification time and size. A changed file gets a new key. */
public record FileKey(Path path, long mtimeMillis, long size) {

    public static FileKey of(Path p) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        return new FileKey(p.toAbsolutePath().normalize(), a.lastModifiedTime().toMillis(), a.size());
    }
}
