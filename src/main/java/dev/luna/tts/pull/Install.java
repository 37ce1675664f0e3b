package dev.luna.tts.pull;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Puts finished downloads into the models folder with one rename each, so the service (and a
 * concurrent {@code POST /models/refresh}) sees a model either complete or not at all. Staging lives
 * in {@code <models>/.pull/}, on the same file system as the targets (a rename across file systems
 * cannot be atomic); the service never scans it.
 */
final class Install {

    static final String STAGING = ".pull";

    private Install() {
    }

    static Path stagingDir(Path models, String key) {
        return models.resolve(STAGING).resolve(key);
    }

    /**
     * Moves {@code source} (a complete file or folder) to {@code target}. With {@code replace}, an
     * existing target is first renamed into the staging area and deleted after the new one is in place.
     */
    static void move(Path source, Path target, boolean replace, Path models) throws PullException {
        try {
            Files.createDirectories(target.getParent());
            Path old = null;
            if (Files.exists(target)) {
                if (!replace) {
                    throw new PullException(PullException.Kind.OTHER, target + " already exists");
                }
                old = models.resolve(STAGING).resolve("replaced-" + target.getFileName() + "-" + System.nanoTime());
                Files.createDirectories(old.getParent());
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            if (old != null) {
                deleteTree(old);
            }
        } catch (AtomicMoveNotSupportedException e) {
            throw new PullException(PullException.Kind.OTHER, "cannot rename " + source + " to " + target
                    + " atomically (different file systems?); " + STAGING + "/ must be on the models volume", e);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            throw new PullException(PullException.Kind.OTHER, target + " appeared while pulling; run pull again", e);
        } catch (IOException e) {
            throw Downloader.ioFailure(target, e);
        }
    }

    static void deleteTree(Path p) throws PullException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(x);
            }
        } catch (IOException e) {
            throw new PullException(PullException.Kind.OTHER, "cannot delete " + p + ": " + Http.describe(e), e);
        }
    }

    /** Removes the staging root when nothing is left in it (keeps resumable parts of other pulls). */
    static void tidy(Path models) {
        try {
            Files.deleteIfExists(models.resolve(STAGING));
        } catch (IOException ignored) {
            // not empty: other pulls' parts stay for their next run
        }
    }
}
