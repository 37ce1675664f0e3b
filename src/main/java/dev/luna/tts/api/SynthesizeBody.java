package dev.luna.tts.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.luna.tts.engine.SynthesisParams;
import dev.luna.tts.engine.SynthesisParams.Param;
import dev.luna.tts.engine.SynthesisRequest;

import java.util.List;

/**
 * POST /synthesize body — the seed's contract {"text": "こんにちは", "style": "Neutral"} plus SBV2's parameters.
 * Absent fields take the defaults of {@link SynthesisParams.Param}. {@code given_phone}/{@code given_tone} (SBV2's:
 * phones with the {@code _} pads, tones 0/1) speak that reading of the text as one piece; {@code words} are user
 * dictionary words for this request only (at most 100).
 */
public record SynthesizeBody(
        String text,
        String model,
        @JsonProperty("model_id") Integer modelId,
        @JsonAlias("speaker_name") String speaker,
        @JsonProperty("speaker_id") Integer speakerId,
        String style,
        @JsonProperty("style_weight") Double styleWeight,
        @JsonProperty("sdp_ratio") Double sdpRatio,
        Double noise,
        @JsonProperty("noise_w") @JsonAlias("noisew") Double noiseW,
        Double length,
        @JsonProperty("assist_text") String assistText,
        @JsonProperty("assist_text_weight") Double assistTextWeight,
        @JsonProperty("split_interval") Double splitInterval,
        @JsonProperty("auto_split") Boolean autoSplit,
        String format,
        @JsonProperty("sample_rate") Integer sampleRate,
        @JsonProperty("given_phone") List<String> givenPhone,
        @JsonProperty("given_tone") List<Integer> givenTone,
        List<RequestWords.WordJson> words) {

    SynthesisRequest toRequest() {
        SynthesisParams params = SynthesisParams.builder()
                .set(Param.SDP_RATIO, sdpRatio).set(Param.NOISE, noise).set(Param.NOISE_W, noiseW)
                .set(Param.LENGTH, length).set(Param.STYLE_WEIGHT, styleWeight)
                .set(Param.ASSIST_TEXT_WEIGHT, assistTextWeight).set(Param.SPLIT_INTERVAL, splitInterval).build();
        if ((givenPhone == null) != (givenTone == null)) {
            throw ApiException.badRequest(givenPhone == null ? "given_phone" : "given_tone",
                    "given_phone and given_tone go together (SBV2's infer takes both)");
        }
        SynthesisRequest.Given given = givenPhone == null ? null : new SynthesisRequest.Given(givenPhone, givenTone);
        return new SynthesisRequest(text, model, modelId, speaker, speakerId, style, assistText, autoSplit, params,
                given, RequestWords.of(words));
    }
}
