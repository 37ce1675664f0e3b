package dev.luna.tts.pull;

/** A failed pull: one line for the user and the process exit code that goes with it. */
public final class PullException extends Exception {

    /** Exit codes of the {@code pull} command, one per kind of failure. */
    public enum Kind {
        OTHER(1), USAGE(2), NEEDS_CONVERSION(3), CHECKSUM(4), AUTH(5), NOT_FOUND(6), OFFLINE(7), DISK_FULL(8),
        NETWORK(9);

        public final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }
    }

    private final Kind kind;

    public PullException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public PullException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
