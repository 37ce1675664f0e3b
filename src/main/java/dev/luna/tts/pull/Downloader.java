package dev.luna.tts.pull;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resumable, verified download of one file into a staging folder: bytes go to {@code <name>.part}
 * (its source identity in {@code <name>.part.id}), a cut or stalled connection is resumed with
 * {@code Range: bytes=<have>-} (within this run as {@link Policy} says, and by the next run from the
 * same .part), and only a file whose size and sha256 match what the source published is
 * renamed to {@code <name>}. A mismatch deletes the part.
 */
final class Downloader {

    /** Maps an HTTP error answer to the message the user sees (which repo, file, revision, token). */
    interface Errors {
        PullException of(HttpResponse<?> response, RemoteFile file);
    }

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    /**
     * Retry policy: {@code attempts} GETs per file and run, {@code backoff} doubled after each cut,
     * and a body that delivers no byte for {@code stall} counts as cut (java.net.http has no read
     * timeout for a response body, so a silent connection would otherwise hang the pull forever).
     */
    record Policy(int attempts, Duration backoff, Duration stall) {
        static final Policy DEFAULT = new Policy(5, Duration.ofSeconds(2), Duration.ofSeconds(60));
    }

    private final Http http;
    private final PrintStream log;
    private final ToLongFunction<Path> usableSpace;
    private final Policy policy;
    /** Why the last attempt ended early, for the final message. */
    private String lastFailure = "";

    Downloader(Http http, PrintStream log, ToLongFunction<Path> usableSpace, Policy policy) {
        this.http = http;
        this.log = log;
        this.usableSpace = usableSpace;
        this.policy = policy;
    }

    static long usableSpace(Path dir) {
        try {
            return Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Downloads {@code file} into {@code staging/<name>} (verified); returns that path. */
    Path download(RemoteFile file, Path staging, Http.Auth auth, Errors errors) throws PullException {
        Path done = staging.resolve(file.name());
        Path part = staging.resolve(file.name() + ".part");
        Path id = staging.resolve(file.name() + ".part.id");
        try {
            Files.createDirectories(staging);
            if (Files.isRegularFile(done) && matches(done, file)) {
                return done;
            }
            Files.deleteIfExists(done);
            if (Files.exists(part) && !(Files.isRegularFile(id) && Files.readString(id).equals(file.identity()))) {
                Files.delete(part);
            }
            Files.writeString(id, file.identity(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ioFailure(staging, e);
        }
        for (int attempt = 1; ; attempt++) {
            boolean complete = fetchOnce(file, part, auth, errors, attempt);
            if (complete) {
                break;
            }
            if (attempt >= policy.attempts()) {
                throw new PullException(PullException.Kind.NETWORK, "download of " + file.what() + " failed "
                        + policy.attempts() + " times (last: " + lastFailure + "); " + size(part) + " bytes are kept in "
                        + part + " and the next run resumes from there");
            }
            sleep(policy.backoff().multipliedBy(1L << Math.min(attempt - 1, 6)));
        }
        verify(file, part, id);
        try {
            Files.move(part, done, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(id);
        } catch (IOException e) {
            throw ioFailure(done, e);
        }
        return done;
    }

    /** One GET; true when the part now holds the whole file, false when the connection was cut. */
    private boolean fetchOnce(RemoteFile file, Path part, Http.Auth auth, Errors errors, int attempt)
            throws PullException {
        long have = size(part);
        if (file.size() >= 0 && have == file.size()) {
            return true;
        }
        if (file.size() >= 0 && have > file.size()) {
            truncate(part, 0);
            have = 0;
        }
        if (file.size() >= 0) {
            long free = usableSpace.applyAsLong(part.getParent());
            if (free < file.size() - have) {
                throw new PullException(PullException.Kind.DISK_FULL, "not enough disk space in " + part.getParent()
                        + " for " + file.what() + ": " + (file.size() - have) + " bytes needed, " + free + " free");
            }
        }
        Map<String, String> headers = have > 0
                ? Map.of("Range", "bytes=" + have + "-", "Accept-Encoding", "identity")
                : Map.of("Accept-Encoding", "identity");
        if (have > 0) {
            log.println("resuming " + file.what() + " at byte " + have + (attempt > 1 ? " (attempt " + attempt + ")" : ""));
        } else {
            log.println("downloading " + file.what() + (file.size() >= 0 ? " (" + file.size() + " bytes)" : ""));
        }
        HttpResponse<InputStream> resp;
        try {
            resp = http.follow("GET", file.url(), headers, auth);
        } catch (PullException e) {
            if (e.kind() != PullException.Kind.NETWORK) {
                throw e;
            }
            // A connection that fails before the answer (reset, refused, timeout) is retried like a cut one.
            lastFailure = e.getMessage();
            log.println("request for " + file.name() + " failed: " + lastFailure);
            return false;
        }
        try {
            int status = resp.statusCode();
            if (status == 416 && have > 0) {
                // The part is already as long as the file, or the source changed: start again.
                lastFailure = "416 for a range from byte " + have;
                truncate(part, 0);
                return false;
            }
            if (status == 200) {
                if (have > 0) {
                    log.println("the server ignored the range request; restarting " + file.name());
                }
                truncate(part, 0);
            } else if (status == 206) {
                String range = Http.header(resp, "Content-Range");
                Matcher m = CONTENT_RANGE.matcher(range == null ? "" : range);
                if (!m.matches() || Long.parseLong(m.group(1)) != have) {
                    lastFailure = "206 with Content-Range " + range + " for a range from byte " + have;
                    truncate(part, 0);
                    return false;
                }
            } else {
                throw errors.of(resp, file);
            }
            if (!copy(resp.body(), part, file)) {
                return false;
            }
            if (file.size() >= 0 && size(part) != file.size()) {
                lastFailure = "the answer ended after " + size(part) + " of " + file.size() + " bytes";
                log.println(lastFailure + " of " + file.name());
                return false;
            }
            return true;
        } finally {
            Http.close(resp);
        }
    }

    /** End of a body, in the reader's queue. */
    private static final Object EOF = new Object();

    /**
     * Appends the body to the part; false when reading was cut or stalled (the bytes so far are
     * kept). A virtual thread reads and the copy waits for it at most {@code stall}: closing a
     * java.net.http body stream does not reliably wake a read blocked on it, so a stalled reader is
     * abandoned (and interrupted) rather than waited for.
     */
    private boolean copy(InputStream body, Path part, RemoteFile file) throws PullException {
        BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(16);
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    byte[] buf = new byte[1 << 16];
                    int n = body.read(buf);
                    if (n < 0) {
                        chunks.put(EOF);
                        return;
                    }
                    chunks.put(n == buf.length ? buf : Arrays.copyOf(buf, n));
                }
            } catch (IOException e) {
                chunks.offer(e);
            } catch (InterruptedException abandoned) {
                // the copy gave up on this body
            }
        });
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            while (true) {
                Object x = chunks.poll(policy.stall().toMillis(), TimeUnit.MILLISECONDS);
                if (x == null) {
                    lastFailure = "connection stalled (no byte for " + policy.stall().toSeconds() + " s) after "
                            + out.size() + " bytes";
                    log.println(lastFailure.replace(" bytes", " bytes of " + file.name()));
                    return false;
                }
                if (x == EOF) {
                    return true;
                }
                if (x instanceof IOException cut) {
                    lastFailure = "connection cut after " + out.size() + " bytes (" + Http.describe(cut) + ")";
                    log.println(lastFailure.replace(" bytes (", " bytes of " + file.name() + " ("));
                    return false;
                }
                ByteBuffer bb = ByteBuffer.wrap((byte[]) x);
                while (bb.hasRemaining()) {
                    out.write(bb);
                }
                if (file.size() >= 0 && out.size() > file.size()) {
                    throw new PullException(PullException.Kind.CHECKSUM, file.what() + ": the server sent more than the "
                            + file.size() + " bytes it announced; " + cleanup(part));
                }
            }
        } catch (IOException e) {
            throw ioFailure(part, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PullException(PullException.Kind.NETWORK, "interrupted while downloading " + file.what());
        } finally {
            reader.interrupt();
        }
    }

    private static void sleep(Duration d) throws PullException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PullException(PullException.Kind.NETWORK, "interrupted");
        }
    }

    private void verify(RemoteFile file, Path part, Path id) throws PullException {
        long got = size(part);
        if (file.size() >= 0 && got != file.size()) {
            throw new PullException(PullException.Kind.CHECKSUM, "size mismatch for " + file.what() + ": expected "
                    + file.size() + " bytes, got " + got + "; " + cleanup(part, id));
        }
        if (file.sha256() != null) {
            String actual = sha256(part);
            if (!actual.equals(file.sha256())) {
                throw new PullException(PullException.Kind.CHECKSUM, "checksum mismatch for " + file.what()
                        + ": expected sha256 " + file.sha256() + ", got " + actual + "; " + cleanup(part, id));
            }
        }
    }

    private static boolean matches(Path done, RemoteFile file) throws PullException {
        if (file.size() >= 0 && size(done) != file.size()) {
            return false;
        }
        return file.sha256() == null || sha256(done).equals(file.sha256());
    }

    private static String cleanup(Path... paths) {
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                return "could not delete " + p;
            }
        }
        return "partial download deleted";
    }

    static String sha256(Path f) throws PullException {
        try (InputStream in = Files.newInputStream(f)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw ioFailure(f, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long size(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void truncate(Path part, long to) throws PullException {
        try (FileChannel c = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            c.truncate(to);
        } catch (IOException e) {
            throw ioFailure(part, e);
        }
    }

    /** A write failure: "disk full" when the OS says so (ENOSPC, EDQUOT), naming the path. */
    static PullException ioFailure(Path path, IOException e) {
        String m = String.valueOf(e.getMessage()) + (e instanceof FileSystemException fse ? " " + fse.getReason() : "");
        if (m.contains("No space left on device") || m.contains("Disk quota exceeded") || m.contains("not enough space")) {
            return new PullException(PullException.Kind.DISK_FULL, "disk full while writing " + path
                    + "; free space there (or pass --models on a larger volume) and run pull again: it resumes", e);
        }
        return new PullException(PullException.Kind.OTHER, "cannot write " + path + ": " + Http.describe(e), e);
    }
}
