package dev.luna.tts.engine;

/**
 * One synthesis request as every API hands it to the engine. Null selects the default.
 *
 * @param model      voice name (SBV2 model_name), or null to use {@code modelId}
 * @param modelId    index in the sorted voice list (SBV2 model_id); null = 0
 * @param speaker    speaker name, or null to use {@code speakerId}
 * @param speakerId  SBV2 speaker_id; null = the voice's first speaker id
 * @param style      style name; null = {@value #DEFAULT_STYLE}
 * @param autoSplit  SBV2 auto_split (one piece per line); null = true
 */
public record SynthesisRequest(String text, String model, Integer modelId, String speaker, Integer speakerId,
                               String style, String assistText, Boolean autoSplit, SynthesisParams params) {

    public static final String DEFAULT_STYLE = "Neutral";

    public static SynthesisRequest of(String text) {
        return new SynthesisRequest(text, null, null, null, null, null, null, null, SynthesisParams.DEFAULTS);
    }

    public SynthesisRequest withModel(String name) {
        return new SynthesisRequest(text, name, null, speaker, speakerId, style, assistText, autoSplit, params);
    }

    public SynthesisRequest withParams(SynthesisParams p) {
        return new SynthesisRequest(text, model, modelId, speaker, speakerId, style, assistText, autoSplit, p);
    }
}
