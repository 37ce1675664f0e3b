package dev.luna.tts.runtime;

import ai.onnxruntime.OrtException;
import dev.luna.tts.audio.Pcm16;
import dev.luna.tts.bert.BertModel;
import dev.luna.tts.model.ModelHolder;
import dev.luna.tts.model.ModelSet;
import dev.luna.tts.text.EmptyTextException;
import dev.luna.tts.text.G2pResult;
import dev.luna.tts.text.ModelInput;
import dev.luna.tts.text.TextFrontend;
import dev.luna.tts.voice.GeneratorParams;
import dev.luna.tts.voice.Voice;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.luna.tts.runtime.InvalidRequestException.invalid;
import static dev.luna.tts.runtime.InvalidRequestException.notFound;

/**
 * Request → validated {@link Utterance} (everything that can be wrong with the input is found
 * here, before any byte is sent) → a stream of PCM16 chunks, one per piece, computed on the
 * bounded inference pool.
 */
@ApplicationScoped
public class Synthesizer {

    private static final Logger LOG = Logger.getLogger(Synthesizer.class);

    @Inject
    LunaConfig config;
    @Inject
    ModelHolder models;
    @Inject
    TextFrontend frontend;
    @Inject
    InferencePool pool;
    @Inject
    TtsMetrics metrics;

    /** Validates and runs the text frontend; the returned utterance holds a voice reference. */
    public Utterance prepare(SynthesisRequest r) {
        String text = r.text();
        if (text == null || text.isEmpty()) {
            throw invalid("text", "text is required");
        }
        int len = text.codePointCount(0, text.length());
        if (len > config.maxTextLength()) {
            throw invalid("text", "text is " + len + " characters; the limit is " + config.maxTextLength());
        }
        double sdp = range("sdp_ratio", r.sdpRatio(), SynthesisRequest.SDP_RATIO, 0, 1);
        double noise = range("noise", r.noise(), SynthesisRequest.NOISE, 0, 2);
        double noiseW = range("noisew", r.noiseW(), SynthesisRequest.NOISE_W, 0, 2);
        double length = range("length", r.length(), SynthesisRequest.LENGTH, 0.1, 3);
        double styleWeight = range("style_weight", r.styleWeight(), SynthesisRequest.STYLE_WEIGHT, 0, 20);
        double assistWeight = range("assist_text_weight", r.assistTextWeight(), SynthesisRequest.ASSIST_WEIGHT, 0, 1);
        double interval = range("split_interval", r.splitInterval(), SynthesisRequest.SPLIT_INTERVAL, 0, 10);

        ModelSet set = models.current();
        Voice voice = resolveVoice(set, r);
        if (set.bert() == null) {
            throw new InvalidRequestException(503, "model", "not_ready", "models are not loaded yet");
        }
        boolean held = false;
        if (!voice.acquire()) {
            throw new InvalidRequestException(503, "model", "not_ready", "voice " + voice.name() + " was just unloaded; retry");
        }
        try {
            long sid = resolveSpeaker(voice, r);
            String styleName = r.style() == null ? SynthesisRequest.STYLE : r.style();
            Integer styleId = voice.config().style2id().get(styleName);
            if (styleId == null) {
                throw notFound("style", "style \"" + styleName + "\" not found in " + voice.name()
                        + "; available: " + voice.config().style2id().keySet());
            }
            float[] style = voice.styles().mix(styleId, styleWeight);
            List<Utterance.Piece> pieces = frontend("text", text, r.autoSplit() == null || r.autoSplit());
            if (pieces.isEmpty()) {
                throw new InvalidRequestException(400, "text", "empty_text",
                        "text contains nothing readable after normalization");
            }
            String assist = r.assistText();
            if (assist != null && !assist.isBlank()) {
                if (assist.codePointCount(0, assist.length()) > config.maxTextLength()) {
                    throw invalid("assist_text", "assist_text is longer than " + config.maxTextLength() + " characters");
                }
                try {
                    assist = frontend.normalize(assist);
                } catch (EmptyTextException e) {
                    assist = null;
                } catch (RuntimeException e) {
                    throw invalid("assist_text", "assist_text could not be processed: " + e.getMessage());
                }
            } else {
                assist = null;
            }
            Utterance u = new Utterance(voice, sid, style,
                    new GeneratorParams((float) sdp, (float) noise, (float) noiseW, (float) length),
                    assist, assistWeight, interval, List.copyOf(pieces));
            held = true;
            return u;
        } finally {
            if (!held) {
                voice.release();
            }
        }
    }

    private List<Utterance.Piece> frontend(String field, String text, boolean autoSplit) {
        List<Utterance.Piece> pieces = new ArrayList<>();
        for (TextSplitter.Part part : TextSplitter.split(text, autoSplit, config.splitMaxChars())) {
            String norm;
            try {
                norm = frontend.normalize(part.text());
            } catch (EmptyTextException e) {
                continue;   // a line of symbols only: nothing to say, SBV2 would fail on it
            }
            try {
                G2pResult g2p = frontend.g2p(norm);
                ModelInput in = frontend.toModelInput(g2p);
                boolean startsLine = part.startsLine() || pieces.isEmpty();
                pieces.add(new Utterance.Piece(norm, g2p.bertText(), in, startsLine));
            } catch (EmptyTextException e) {
                // normalized to something the g2p still cannot read
            } catch (RuntimeException e) {
                LOG.warnf(e, "Text frontend failed on %s", part.text());
                throw invalid(field, "text could not be converted to phonemes: " + e.getMessage());
            }
        }
        return pieces;
    }

    private static double range(String field, Double v, double def, double min, double max) {
        if (v == null) {
            return def;
        }
        if (!(v >= min && v <= max)) {
            throw invalid(field, field + " must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }

    private static Voice resolveVoice(ModelSet set, SynthesisRequest r) {
        Map<String, Voice> voices = set.voices();
        if (r.model() != null) {
            Voice v = voices.get(r.model());
            if (v == null) {
                throw notFound("model", "model \"" + r.model() + "\" not found; available: " + set.names());
            }
            return v;
        }
        int id = r.modelId() == null ? 0 : r.modelId();
        List<String> names = set.names();
        if (id < 0 || id >= names.size()) {
            throw notFound("model_id", "model_id " + id + " not found; " + names.size() + " model(s) loaded");
        }
        return voices.get(names.get(id));
    }

    private static long resolveSpeaker(Voice v, SynthesisRequest r) {
        Map<String, Integer> spk = v.config().spk2id();
        if (r.speaker() != null) {
            Integer id = spk.get(r.speaker());
            if (id == null) {
                throw notFound("speaker_name", "speaker \"" + r.speaker() + "\" not found in " + v.name()
                        + "; available: " + spk.keySet());
            }
            return id;
        }
        int id = r.speakerId() == null ? 0 : r.speakerId();
        if (!spk.containsValue(id)) {
            throw notFound("speaker_id", "speaker_id " + id + " not found in " + v.name() + "; available: " + spk.values());
        }
        return id;
    }

    /**
     * The PCM16 chunks of an utterance, one per piece (with split_interval silence before each new
     * line but the first), each computed on the inference pool as soon as the previous one is
     * sent. Cancelling (client gone) stops before the next piece. Releases the voice and the
     * ticket at the end.
     */
    public Multi<byte[]> pcm(Utterance u, InferencePool.Ticket ticket, String endpoint, long startNanos) {
        AtomicBoolean first = new AtomicBoolean(true);
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                ticket.end();
                u.voice().release();
            }
        };
        float[][] assist = new float[1][];
        return Multi.createFrom().range(0, u.pieces().size())
                .emitOn(pool.executor())
                .map(i -> {
                    ticket.start();
                    Utterance.Piece p = u.pieces().get(i);
                    try {
                        if (u.assistText() != null && assist[0] == null) {
                            assist[0] = BertModel.mean(models.current().bert() == null
                                    ? new float[][]{new float[BertModel.DIM]} : bertFeatures(u.assistText()));
                        }
                        float[] audio = synthesize(u, p, assist[0]);
                        byte[] pcm = Pcm16.encode(audio);
                        if (i > 0 && p.startsLine()) {
                            byte[] gap = Pcm16.silence(u.splitInterval(), u.sampleRate());
                            byte[] both = new byte[gap.length + pcm.length];
                            System.arraycopy(gap, 0, both, 0, gap.length);
                            System.arraycopy(pcm, 0, both, gap.length, pcm.length);
                            pcm = both;
                        }
                        if (first.compareAndSet(true, false)) {
                            metrics.timeToFirstAudio(endpoint, System.nanoTime() - startNanos);
                        }
                        return pcm;
                    } catch (OrtException e) {
                        throw new IllegalStateException("inference failed: " + e.getMessage(), e);
                    }
                })
                .onTermination().invoke((failure, cancelled) -> {
                    release.run();
                    String outcome = cancelled ? "cancelled" : failure != null ? "error" : "ok";
                    if (failure != null) {
                        LOG.errorf(failure, "Synthesis failed for voice %s", u.voice().name());
                    }
                    metrics.request(endpoint, outcome, System.nanoTime() - startNanos);
                });
    }

    private float[][] bertFeatures(String text) throws OrtException {
        long t0 = System.nanoTime();
        float[][] f = models.current().bert().features(text);
        metrics.bert(System.nanoTime() - t0);
        return f;
    }

    /** BERT + generator for one piece. */
    public float[] synthesize(Utterance u, Utterance.Piece p, float[] assistMean) throws OrtException {
        BertModel bert = models.current().bert();
        long t0 = System.nanoTime();
        float[][] rows = bert.features(p.bertText());
        long t1 = System.nanoTime();
        metrics.bert(t1 - t0);
        float[] feats = BertModel.expand(rows, p.input().word2ph(), assistMean, u.assistWeight());
        float[] audio = u.voice().generator().synthesize(p.input(), feats, u.style(), u.speakerId(), u.params());
        long t2 = System.nanoTime();
        double seconds = audio.length / (double) u.sampleRate();
        metrics.generator(u.voice().name(), t2 - t1, seconds);
        metrics.realTimeFactor(u.voice().name(), t2 - t0, seconds);
        return audio;
    }
}
