package dev.luna.tts.engine.voice;

import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loaded voice. Requests {@link #acquire()} it and {@link #release()} it; a voice removed by a
 * refresh is {@link #retire() retired} and its session closed once the last request lets go.
 */
public final class Voice {

    private static final Logger LOG = Logger.getLogger(Voice.class);

    private final VoiceSource source;
    private final VoiceConfig config;
    private final StyleVectors styles;
    private final Generator generator;
    private final SplitGenerator split;
    private final long loadMillis;
    // one reference held by the model set itself until retired
    private final AtomicInteger refs = new AtomicInteger(1);

    public Voice(VoiceSource source, VoiceConfig config, StyleVectors styles, Generator generator, long loadMillis) {
        this(source, config, styles, generator, null, loadMillis);
    }

    /** @param split the voice's split graphs for sub-sentence streaming, or null */
    public Voice(VoiceSource source, VoiceConfig config, StyleVectors styles, Generator generator,
                 SplitGenerator split, long loadMillis) {
        this.source = source;
        this.config = config;
        this.styles = styles;
        this.generator = generator;
        this.split = split;
        this.loadMillis = loadMillis;
        for (var e : config.style2id().entrySet()) {
            if (e.getValue() < 0 || e.getValue() >= styles.count()) {
                throw new IllegalArgumentException("style \"" + e.getKey() + "\" has id " + e.getValue()
                        + " but style_vectors has " + styles.count() + " rows");
            }
        }
        if (generator == null && split == null) {
            throw new IllegalArgumentException("a voice needs a generator graph");
        }
        int expected = generator != null ? generator.styleDimension() : split.styleDimension();
        if (styles.dimension() != expected) {
            throw new IllegalArgumentException("style vectors have " + styles.dimension()
                    + " columns, the generator expects " + expected);
        }
    }

    public String name() {
        return source.name();
    }

    public VoiceSource source() {
        return source;
    }

    public VoiceConfig config() {
        return config;
    }

    public StyleVectors styles() {
        return styles;
    }

    /** The whole-graph generator, or null when the voice runs on its split graphs. */
    public Generator generator() {
        return generator;
    }

    /** The split graphs (streamed in chunks), or null: the voice streams whole pieces. */
    public SplitGenerator split() {
        return split;
    }

    public long loadMillis() {
        return loadMillis;
    }

    /** false when the voice is already retired and closed. */
    public boolean acquire() {
        while (true) {
            int n = refs.get();
            if (n <= 0) {
                return false;
            }
            if (refs.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    public void release() {
        if (refs.decrementAndGet() == 0) {
            try {
                if (generator != null) {
                    generator.close();
                }
                if (split != null) {
                    split.close();
                }
                LOG.infof("Closed voice %s", name());
            } catch (Exception e) {
                LOG.warnf("Closing voice %s: %s", name(), e.getMessage());
            }
        }
    }

    /** Drops the model set's own reference. */
    public void retire() {
        release();
    }
}
