package dev.luna.tts.engine.audio;

/**
 * A streaming encoder for one mono utterance. Feed it float samples in [−1, 1] at the input rate
 * as the synthesizer produces them, in chunks of any size; each call returns the bytes that can be
 * sent now (possibly none; the container header comes with the first call). {@link #finish()}
 * returns the tail and closes the stream. Not thread-safe: one encoder per response.
 */
public interface AudioEncoder {

    AudioFormat format();

    /** Sample rate of the encoded audio (differs from the input where the format resamples). */
    int outputSampleRate();

    /** Content-Type of the stream. */
    default String contentType() {
        return format().contentType(outputSampleRate());
    }

    /** Encodes {@code len} samples of {@code samples} from {@code off}; returns the bytes ready now. */
    byte[] encode(float[] samples, int off, int len);

    default byte[] encode(float[] samples) {
        return encode(samples, 0, samples.length);
    }

    /** Flushes what is buffered and ends the stream; returns the last bytes. Call once. */
    byte[] finish();
}
