package dev.luna.tts.api.voicevox;

import dev.luna.tts.api.voicevox.VoicevoxModels.AccentPhraseJson;
import dev.luna.tts.api.voicevox.VoicevoxModels.AudioQueryJson;
import dev.luna.tts.api.voicevox.VoicevoxModels.MoraJson;
import dev.luna.tts.engine.SynthesisParams;
import dev.luna.tts.engine.SynthesisParams.Param;
import dev.luna.tts.engine.TtsException;
import dev.luna.tts.text.accent.AccentEditException;
import dev.luna.tts.text.accent.AccentPhrase;
import dev.luna.tts.text.accent.AccentPhrases;
import dev.luna.tts.text.accent.Mora;

import java.util.ArrayList;
import java.util.List;

import static dev.luna.tts.engine.TtsException.invalid;

/** AudioQuery → SBV2 parameters and phones/tones, as AivisSpeech Engine maps them for SBV2 voices. */
public final class QueryMapping {

    /** SBV2's DEFAULT_STYLE_WEIGHT and DEFAULT_SDP_RATIO, the values a scale of 1.0 stands for. */
    static final double DEFAULT_STYLE_WEIGHT = 1.0;
    static final double DEFAULT_SDP_RATIO = 0.2;
    /** AivisSpeech's upper ends for a scale of 2.0. */
    static final double MAX_STYLE_WEIGHT = 10.0;
    static final double MAX_SDP_RATIO = 1.0;

    private QueryMapping() {
    }

    /** SBV2 length = 1 / max(0.1, speedScale) (SBV2's server_editor). */
    public static double length(double speedScale) {
        return 1 / Math.max(0.1, speedScale);
    }

    /** intonationScale 0–1 → style weight 0–1, 1–2 → 1–10; outside 0–2 the default (AivisSpeech). */
    public static double styleWeight(double intonationScale) {
        return scale(intonationScale, DEFAULT_STYLE_WEIGHT, MAX_STYLE_WEIGHT);
    }

    /** tempoDynamicsScale 0–1 → sdp_ratio 0–0.2, 1–2 → 0.2–1; outside 0–2 the default (AivisSpeech). */
    public static double sdpRatio(double tempoDynamicsScale) {
        return scale(tempoDynamicsScale, DEFAULT_SDP_RATIO, MAX_SDP_RATIO);
    }

    private static double scale(double s, double def, double max) {
        if (s >= 0 && s <= 1) {
            return s * def;
        }
        if (s > 1 && s <= 2) {
            return def + (s - 1) * (max - def);
        }
        return def;
    }

    /** The query's SBV2 parameters; a value out of range is refused naming the query field. */
    public static SynthesisParams params(AudioQueryJson q) {
        double speed = q.speedScale();
        double length = length(speed);
        if (!(length >= Param.LENGTH.min && length <= Param.LENGTH.max)) {
            throw invalid("speedScale", "speedScale must be between " + (1 / Param.LENGTH.max) + " and "
                    + (1 / Param.LENGTH.min) + " (SBV2 length " + Param.LENGTH.min + "–" + Param.LENGTH.max
                    + "), got " + speed);
        }
        SynthesisParams.Builder b = SynthesisParams.builder()
                .set(Param.LENGTH, length)
                .set(Param.STYLE_WEIGHT, styleWeight(q.intonationScale()))
                .set(Param.SDP_RATIO, sdpRatio(q.tempoDynamicsScale() == null ? 1.0 : q.tempoDynamicsScale()));
        try {
            b.set(Param.NOISE, q.noiseScale());
        } catch (TtsException e) {
            throw invalid("noiseScale", e.getMessage().replace("noise", "noiseScale"));
        }
        try {
            b.set(Param.NOISE_W, q.noiseScaleW());
        } catch (TtsException e) {
            throw invalid("noiseScaleW", e.getMessage().replace("noise_w", "noiseScaleW"));
        }
        return b.build();
    }

    /** Checks the fields VOICEVOX requires and the ranges luna-tts can honour. */
    public static void check(AudioQueryJson q, double maxSilenceSeconds) {
        if (q == null) {
            throw invalid("body", "an AudioQuery JSON body is required");
        }
        require(q.accentPhrases(), "accent_phrases");
        require(q.speedScale(), "speedScale");
        require(q.pitchScale(), "pitchScale");
        require(q.intonationScale(), "intonationScale");
        require(q.volumeScale(), "volumeScale");
        require(q.prePhonemeLength(), "prePhonemeLength");
        require(q.postPhonemeLength(), "postPhonemeLength");
        require(q.outputSamplingRate(), "outputSamplingRate");
        require(q.outputStereo(), "outputStereo");
        range("volumeScale", q.volumeScale(), 0, 10);
        range("prePhonemeLength", q.prePhonemeLength(), 0, maxSilenceSeconds);
        range("postPhonemeLength", q.postPhonemeLength(), 0, maxSilenceSeconds);
        if (!Double.isFinite(q.pitchScale()) || !Double.isFinite(q.intonationScale())
                || (q.tempoDynamicsScale() != null && !Double.isFinite(q.tempoDynamicsScale()))) {
            throw invalid("intonationScale", "scales must be finite numbers");
        }
    }

    private static void require(Object v, String field) {
        if (v == null) {
            throw invalid(field, field + " is required");
        }
    }

    private static void range(String field, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw invalid(field, field + " must be between " + min + " and " + max + ", got " + v);
        }
    }

    /** The phrases as the text layer's type; a phrase or mora missing is refused naming it. */
    public static List<AccentPhrase> phrases(List<AccentPhraseJson> json) {
        List<AccentPhrase> out = new ArrayList<>(json.size());
        for (int i = 0; i < json.size(); i++) {
            AccentPhraseJson p = json.get(i);
            if (p == null || p.moras() == null) {
                throw invalid("accent_phrases[" + i + "].moras", "accent phrase " + i + " has no moras");
            }
            if (p.accent() == null) {
                throw invalid("accent_phrases[" + i + "].accent", "accent phrase " + i + " has no accent");
            }
            List<Mora> moras = new ArrayList<>(p.moras().size());
            for (int j = 0; j < p.moras().size(); j++) {
                MoraJson m = p.moras().get(j);
                if (m == null || m.text() == null) {
                    throw invalid("accent_phrases[" + i + "].moras[" + j + "].text", "accent phrase " + i + ", mora "
                            + j + " has no text");
                }
                moras.add(m.toMora());
            }
            out.add(new AccentPhrase(moras, p.accent(), p.pauseMora() == null ? null : p.pauseMora().toMora(),
                    Boolean.TRUE.equals(p.isInterrogative())));
        }
        return out;
    }

    /** SBV2 given phones and tones of the phrases; an invalid edit is refused naming the phrase and mora. */
    public static AccentPhrases.PhoneTones phoneTones(List<AccentPhrase> phrases) {
        try {
            return AccentPhrases.toPhoneTones(phrases);
        } catch (AccentEditException e) {
            String field = "accent_phrases[" + e.phrase() + "]"
                    + (e.mora() == null ? "." + e.field() : ".moras[" + e.mora() + "]." + e.field());
            throw invalid(field, e.getMessage());
        }
    }
}
