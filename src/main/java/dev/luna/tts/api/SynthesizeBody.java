package dev.luna.tts.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * POST /synthesize body — the seed's contract {"text": "こんにちは", "style": "Neutral"} plus SBV2's
 * parameters. Absent fields take SBV2's defaults.
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
        String format) {
}
