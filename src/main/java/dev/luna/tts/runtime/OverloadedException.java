package dev.luna.tts.runtime;

/** The wait queue is full: HTTP 503 with Retry-After. */
public class OverloadedException extends RuntimeException {

    private final int retryAfterSeconds;

    public OverloadedException(int retryAfterSeconds, String message) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
