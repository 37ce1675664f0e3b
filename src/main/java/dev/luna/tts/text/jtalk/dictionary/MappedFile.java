package dev.luna.tts.text.jtalk.dictionary;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Read-only little-endian memory map of one dictionary file. */
final class MappedFile {

    private MappedFile() {
    }

    static ByteBuffer map(Path file) {
        if (!Files.isRegularFile(file)) {
            throw DictionaryException.of(file, "file is missing or not a regular file");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw DictionaryException.of(file, "file is too large (" + size + " bytes)");
            }
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
        } catch (NoSuchFileException e) {
            throw DictionaryException.of(file, "file is missing", e);
        } catch (IOException e) {
            throw DictionaryException.of(file, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** An independent little-endian view of {@code [offset, offset + length)}. */
    static ByteBuffer slice(ByteBuffer whole, int offset, int length) {
        return whole.slice(offset, length).order(ByteOrder.LITTLE_ENDIAN);
    }
}
