package dev.luna.tts.engine;

import dev.luna.tts.engine.voice.Voice;
import dev.luna.tts.text.ModelInput;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A validated request ready for inference: the voice it holds a lease on (released by {@link #close()}), the pieces
 * to synthesize in order, and what goes between them. Utterances are ordered by creation ({@link #sequence()}):
 * the scheduler serves the oldest first.
 */
public final class Utterance implements AutoCloseable {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    /**
     * @param index      position in the utterance
     * @param startsLine true when the piece begins a new input line (split_interval silence goes before it unless first)
     */
    public record Piece(int index, String normalized, String bertText, ModelInput input, boolean startsLine) {
        public int phones() {
            return input.phoneIds().length;
        }
    }

    private final long sequence = SEQUENCE.incrementAndGet();
    private final Voice voice;
    private final long speakerId;
    private final float[] style;
    private final SynthesisParams params;
    private final String assistText;
    private final List<Piece> pieces;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean cancelled;

    /** Takes over a lease the caller acquired on {@code voice}. */
    public Utterance(Voice voice, long speakerId, float[] style, SynthesisParams params, String assistText,
                     List<Piece> pieces) {
        this.voice = voice;
        this.speakerId = speakerId;
        this.style = style;
        this.params = params;
        this.assistText = assistText;
        this.pieces = List.copyOf(pieces);
    }

    public long sequence() {
        return sequence;
    }

    public Voice voice() {
        return voice;
    }

    public long speakerId() {
        return speakerId;
    }

    public float[] style() {
        return style;
    }

    public SynthesisParams params() {
        return params;
    }

    /** Normalized assist text (SBV2 assist_text), or null. */
    public String assistText() {
        return assistText;
    }

    public List<Piece> pieces() {
        return pieces;
    }

    public int sampleRate() {
        return voice.config().samplingRate();
    }

    /** Silence samples before piece {@code i}: split_interval before each new line but the first. */
    public int silenceBefore(Piece p) {
        return p.index() > 0 && p.startsLine() ? (int) Math.round(params.splitInterval() * sampleRate()) : 0;
    }

    /** Stops further work on this utterance (client gone); queued pieces are dropped. */
    public void cancel() {
        cancelled = true;
    }

    public boolean cancelled() {
        return cancelled || closed.get();
    }

    /** Releases the voice lease once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            voice.release();
        }
    }
}
