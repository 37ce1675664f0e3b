package dev.luna.tts.engine.voice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** The parts of an SBV2 config.json (HyperParameters) the service uses. */
public record VoiceConfig(String modelName, String version, int samplingRate,
                          Map<String, Integer> spk2id, Map<String, Integer> style2id) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static VoiceConfig parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("config.json is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("config.json is not a JSON object");
        }
        JsonNode data = root.path("data");
        if (!data.isObject()) {
            throw new IllegalArgumentException("config.json has no \"data\" section");
        }
        int sr = data.path("sampling_rate").asInt(44100);
        Map<String, Integer> spk = ids(data.path("spk2id"));
        if (spk.isEmpty()) {
            throw new IllegalArgumentException("config.json data.spk2id is empty");
        }
        Map<String, Integer> styles = ids(data.path("style2id"));
        if (styles.isEmpty()) {
            styles = Map.of("Neutral", 0);
        }
        return new VoiceConfig(root.path("model_name").asText(""), root.path("version").asText(""), sr,
                Collections.unmodifiableMap(spk), Collections.unmodifiableMap(styles));
    }

    private static Map<String, Integer> ids(JsonNode node) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().canConvertToInt()) {
                throw new IllegalArgumentException("id of \"" + e.getKey() + "\" is not an integer");
            }
            m.put(e.getKey(), e.getValue().asInt());
        }
        return m;
    }

    /** Name of a speaker id, or null. */
    public String speakerName(int id) {
        return spk2id.entrySet().stream().filter(e -> e.getValue() == id).map(Map.Entry::getKey).findFirst().orElse(null);
    }
}
