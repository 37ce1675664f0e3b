package dev.luna.tts.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * POST /v1/audio/speech body: OpenAI's fields plus luna's SBV2 extensions. Parsed by hand from the JSON tree so that
 * every wrong value is an OpenAI-shaped 400 naming its field (a data-binding error would name a Java type instead).
 */
@Schema(name = "OpenAiSpeechRequest", description = "OpenAI's create-speech request; fields marked luna are extensions")
public record OpenAiSpeechRequest(
        @Schema(description = "tts-1, tts-1-hd, gpt-4o-mini-tts or a luna voice name (see GET /v1/models); it does"
                + " not choose the voice. Absent: tts-1", examples = "tts-1")
        String model,
        @Schema(required = true, description = "Japanese text; at most luna.max-text-length characters (1000 by"
                + " default)", examples = "こんにちは。")
        String input,
        @Schema(required = true, description = "<voice>, <voice>:<style>, an alias (luna.openai.voices.<alias>), or"
                + " one of OpenAI's names (alloy, echo, ...: the first voice unless aliased). See GET /v1/audio/voices",
                examples = "tiny:Neutral")
        String voice,
        @JsonProperty("response_format")
        @Schema(enumeration = {"mp3", "opus", "aac", "flac", "wav", "pcm"}, description = "Absent:"
                + " luna.openai.default-response-format (mp3, as OpenAI). aac is refused (400): no maintained"
                + " pure-Java encoder. pcm is 16-bit mono at 24 kHz unless sample_rate says otherwise")
        String responseFormat,
        @Schema(description = "Speaking rate; SBV2 length ="
                + " 1 / speed. SBV2 allows length 0.1-3 (speed 0.333-10): a speed below 1/3 is sent as length 3,"
                + " the slowest SBV2 allows")
        Double speed,
        @Schema(description = "Accepted and ignored: SBV2 voices take their manner from the style")
        String instructions,
        @JsonProperty("stream_format")
        @Schema(enumeration = {"audio", "sse"}, defaultValue = "audio", description = "audio: the encoded audio as a"
                + " chunked body; sse: server-sent events speech.audio.delta (base64 audio) then speech.audio.done")
        String streamFormat,
        @JsonProperty("sample_rate")
        @Schema(description = "luna: rate of the audio. Absent: 24000 for pcm (OpenAI's), 48000 for opus, the voice's"
                + " rate otherwise (mp3: 48000 when the voice's is no MPEG rate). wav, pcm, flac: the voice's rate or"
                + " 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000; mp3: one of those; opus: 48000")
        Integer sampleRate,
        @JsonProperty("sdp_ratio") @Schema(description = "luna: SBV2 sdp_ratio") Double sdpRatio,
        @Schema(description = "luna: SBV2 noise") Double noise,
        @JsonProperty("noise_w") @Schema(description = "luna: SBV2 noise_w") Double noiseW,
        @JsonProperty("style_weight") @Schema(description = "luna: SBV2 style_weight") Double styleWeight) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses and type-checks the body; ranges are checked where the values are used. */
    static OpenAiSpeechRequest parse(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            throw new ApiException(400, null, "invalid_json", "the request body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new ApiException(400, null, "invalid_json", "the request body must be a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("voice") && e.getValue().isObject()) {
                throw new ApiException(400, "voice", "invalid_type",
                        "custom voice objects are not supported; name a luna voice (see GET /v1/audio/voices)");
            }
        }
        return new OpenAiSpeechRequest(string(root, "model"), string(root, "input"), string(root, "voice"),
                string(root, "response_format"), number(root, "speed"), string(root, "instructions"),
                string(root, "stream_format"), integer(root, "sample_rate"), number(root, "sdp_ratio"),
                number(root, "noise"), number(root, "noise_w"), number(root, "style_weight"));
    }

    private static String string(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new ApiException(400, field, "invalid_type", field + " must be a string");
        }
        return n.textValue();
    }

    private static Double number(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            throw new ApiException(400, field, "invalid_type", field + " must be a number");
        }
        return n.doubleValue();
    }

    private static Integer integer(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.canConvertToExactIntegral() || !n.canConvertToInt()) {
            throw new ApiException(400, field, "invalid_type", field + " must be an integer");
        }
        return n.intValue();
    }
}
