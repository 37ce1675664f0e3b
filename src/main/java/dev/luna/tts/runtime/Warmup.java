package dev.luna.tts.runtime;

import dev.luna.tts.model.ModelSet;
import dev.luna.tts.voice.Voice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Runs every voice on short, medium and long inputs (luna.warmup.texts) so first-use costs
 * (cuDNN algorithm search, arena growth, JIT) are paid before readiness.
 */
@ApplicationScoped
public class Warmup {

    private static final Logger LOG = Logger.getLogger(Warmup.class);

    @Inject
    LunaConfig config;
    @Inject
    Synthesizer synthesizer;

    /** @return the number of (voice, text) runs that failed */
    public int warm(ModelSet set) {
        int failures = 0;
        for (Voice v : set.voices().values()) {
            long t0 = System.nanoTime();
            for (String text : config.warmup().texts()) {
                long t1 = System.nanoTime();
                try {
                    SynthesisRequest r = new SynthesisRequest(text, v.name(), null, null,
                            v.config().spk2id().values().iterator().next(), null, null, null, null, null, null,
                            null, null, null, false);
                    Utterance u = synthesizer.prepare(r);
                    try {
                        int samples = 0;
                        for (Utterance.Piece p : u.pieces()) {
                            samples += synthesizer.synthesize(u, p, null).length;
                        }
                        LOG.infof("Warm-up %s: %d chars → %.2f s of audio in %d ms", v.name(),
                                text.codePointCount(0, text.length()), samples / (double) u.sampleRate(),
                                (System.nanoTime() - t1) / 1_000_000);
                    } finally {
                        v.release();
                    }
                } catch (Exception e) {
                    failures++;
                    LOG.errorf("Warm-up of %s failed on \"%s\": %s", v.name(), text, e.getMessage());
                }
            }
            LOG.infof("Warmed voice %s in %d ms", v.name(), (System.nanoTime() - t0) / 1_000_000);
        }
        return failures;
    }
}
