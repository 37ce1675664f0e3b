package dev.luna.tts.text.userdict;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The global user dictionary of a service: {@code user_dict.json} (SBV2's format) in a writable directory,
 * loaded when the store is created and rewritten on every change. Changes are serialized; each one writes
 * a temporary file in the directory, forces it to disk and renames it over {@code user_dict.json} (atomic
 * where the file system allows), and only then publishes a new immutable {@link UserDictionary}. Readers
 * never lock: {@link #current()} returns the latest snapshot, and an analysis that took one keeps it.
 * A change that cannot be written leaves both the file and the snapshot as they were.
 */
public final class UserDictStore {

    public static final String FILE_NAME = "user_dict.json";

    private final Path directory;
    private final Path file;
    private volatile UserDictionary current;

    /**
     * Opens the store in {@code directory} (created if missing) and loads {@code user_dict.json} when it
     * exists (else the dictionary is empty and no file is written until the first change).
     *
     * @throws UserDictException   when the file is not a valid SBV2 user dictionary (names the file and field)
     * @throws UncheckedIOException when the directory or file cannot be read
     */
    public UserDictStore(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.file = directory.resolve(FILE_NAME);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the user dictionary directory " + directory, e);
        }
        current = load();
    }

    /**
     * Reads {@code user_dict.json} again and publishes it (e.g. after another replica sharing the directory
     * changed it); a missing file is an empty dictionary. On an error the current snapshot stays.
     *
     * @throws UserDictException   when the file is not a valid SBV2 user dictionary
     * @throws UncheckedIOException when it cannot be read
     */
    public synchronized void reload() {
        current = load();
    }

    private UserDictionary load() {
        if (!Files.isRegularFile(file)) {
            return UserDictionary.EMPTY;
        }
        String json;
        try {
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the user dictionary " + file, e);
        }
        try {
            return UserDictionary.of(UserDictJson.readSaved(json));
        } catch (UserDictException e) {
            throw new UserDictException(e.field(), file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** The current snapshot (never null). */
    public UserDictionary current() {
        return current;
    }

    /** SBV2's {@code apply_word}: adds the word under a new random UUID (appended last) and returns the UUID. */
    public synchronized String add(UserDictWord word) {
        Objects.requireNonNull(word, "word");
        String uuid = UUID.randomUUID().toString();
        Map<String, UserDictWord> words = new LinkedHashMap<>(current.words());
        words.put(uuid, word);
        publish(words);
        return uuid;
    }

    /** SBV2's {@code rewrite_word}: replaces the word in place. */
    public synchronized void update(String uuid, UserDictWord word) {
        Objects.requireNonNull(word, "word");
        String key = existing(uuid);
        Map<String, UserDictWord> words = new LinkedHashMap<>(current.words());
        words.put(key, word);
        publish(words);
    }

    /** SBV2's {@code delete_word}. */
    public synchronized void delete(String uuid) {
        String key = existing(uuid);
        Map<String, UserDictWord> words = new LinkedHashMap<>(current.words());
        words.remove(key);
        publish(words);
    }

    /**
     * SBV2's {@code import_user_dict}: with {@code override} the imported words replace existing ones of the
     * same UUID ({@code {**old, **new}}); without, existing ones are kept ({@code {**new, **old}}). Python's
     * dict merge order is kept too, which is the order of the compiled rows.
     */
    public synchronized void importWords(Map<String, UserDictWord> imported, boolean override) {
        Map<String, UserDictWord> normalized = UserDictionary.of(imported).words();
        Map<String, UserDictWord> first = override ? current.words() : normalized;
        Map<String, UserDictWord> second = override ? normalized : current.words();
        Map<String, UserDictWord> words = new LinkedHashMap<>(first);
        words.putAll(second);
        publish(words);
    }

    private String existing(String uuid) {
        String key;
        try {
            key = UserDictJson.normalizeUuid(Objects.requireNonNull(uuid, "uuid"));
        } catch (UserDictException e) {
            throw new WordNotFoundException(uuid);
        }
        if (!current.words().containsKey(key)) {
            throw new WordNotFoundException(uuid);
        }
        return key;
    }

    private void publish(Map<String, UserDictWord> words) {
        UserDictionary next = UserDictionary.of(words);
        write(next.json());
        current = next;
    }

    private void write(String json) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(directory, FILE_NAME + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the user dictionary " + file, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the failure being reported matters more than a leftover temporary file
                }
            }
        }
    }
}
