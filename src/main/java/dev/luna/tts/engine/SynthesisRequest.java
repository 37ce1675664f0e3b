package dev.luna.tts.engine;

import dev.luna.tts.text.userdict.UserDictWord;

import java.util.List;

/**
 * One synthesis request as every API hands it to the engine. Null selects the default.
 *
 * @param model      voice name (SBV2 model_name), or null to use {@code modelId}
 * @param modelId    index in the sorted voice list (SBV2 model_id); null = 0
 * @param speaker    speaker name, or null to use {@code speakerId}
 * @param speakerId  SBV2 speaker_id; null = the voice's first speaker id
 * @param style      style name; null = {@value #DEFAULT_STYLE}
 * @param autoSplit  SBV2 auto_split (one piece per line); null = true
 * @param given      SBV2 given_phone/given_tone: the reading to speak instead of the text's own; null = none
 * @param words      user dictionary words for this request only (SBV2/VOICEVOX word shape); null = none
 */
public record SynthesisRequest(String text, String model, Integer modelId, String speaker, Integer speakerId,
                               String style, String assistText, Boolean autoSplit, SynthesisParams params,
                               Given given, List<UserDictWord> words) {

    /** Phones with the pads ({@code _ ... _}) and one tone (0/1) per phone; the text is spoken as one piece. */
    public record Given(List<String> phones, List<Integer> tones) {
    }

    public SynthesisRequest(String text, String model, Integer modelId, String speaker, Integer speakerId,
                            String style, String assistText, Boolean autoSplit, SynthesisParams params) {
        this(text, model, modelId, speaker, speakerId, style, assistText, autoSplit, params, null, null);
    }

    public static final String DEFAULT_STYLE = "Neutral";

    public static SynthesisRequest of(String text) {
        return new SynthesisRequest(text, null, null, null, null, null, null, null, SynthesisParams.DEFAULTS);
    }

    public SynthesisRequest withModel(String name) {
        return new SynthesisRequest(text, name, null, speaker, speakerId, style, assistText, autoSplit, params, given,
                words);
    }

    public SynthesisRequest withParams(SynthesisParams p) {
        return new SynthesisRequest(text, model, modelId, speaker, speakerId, style, assistText, autoSplit, p, given,
                words);
    }

    public SynthesisRequest withGiven(Given g) {
        return new SynthesisRequest(text, model, modelId, speaker, speakerId, style, assistText, autoSplit, params, g,
                words);
    }

    public SynthesisRequest withWords(List<UserDictWord> w) {
        return new SynthesisRequest(text, model, modelId, speaker, speakerId, style, assistText, autoSplit, params,
                given, w);
    }
}
