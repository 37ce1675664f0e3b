package dev.luna.tts.runtime;

/**
 * One synthesis request after HTTP parsing; null means "default". Ranges follow SBV2's server
 * (validated by {@link Synthesizer#prepare}).
 *
 * @param model       voice name (model_name) — or null to use {@code modelId}
 * @param modelId     index in the sorted voice list (SBV2 model_id), null = 0
 * @param speaker     speaker name, or null to use {@code speakerId}
 * @param speakerId   SBV2 speaker_id, null = 0
 */
public record SynthesisRequest(String text, String model, Integer modelId, String speaker, Integer speakerId,
                               String style, Double styleWeight, Double sdpRatio, Double noise, Double noiseW,
                               Double length, String assistText, Double assistTextWeight, Double splitInterval,
                               Boolean autoSplit) {

    public static final double SDP_RATIO = 0.2;
    public static final double NOISE = 0.6;
    public static final double NOISE_W = 0.8;
    public static final double LENGTH = 1.0;
    public static final double STYLE_WEIGHT = 1.0;
    public static final double ASSIST_WEIGHT = 1.0;
    public static final double SPLIT_INTERVAL = 0.5;
    public static final String STYLE = "Neutral";

    public static SynthesisRequest of(String text) {
        return new SynthesisRequest(text, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }
}
