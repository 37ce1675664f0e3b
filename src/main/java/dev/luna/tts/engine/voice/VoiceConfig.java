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
    /** Rates a voice may declare: a WAV header is written from this value, so nonsense must not load. */
    public static final int MIN_SAMPLING_RATE = 8000;
    public static final int MAX_SAMPLING_RATE = 192_000;

    public static VoiceConfig parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            // the parser's own message quotes the file and names its classes: say where, in our words
            String at = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? " (line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() + ")" : "";
            throw new IllegalArgumentException("config.json is not valid JSON" + at, e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("config.json is not a JSON object");
        }
        JsonNode data = root.path("data");
        if (!data.isObject()) {
            throw new IllegalArgumentException("config.json has no \"data\" section");
        }
        JsonNode rate = data.path("sampling_rate");
        if (!rate.isIntegralNumber() || !rate.canConvertToInt()) {
            throw new IllegalArgumentException("config.json data.sampling_rate is missing or not an integer");
        }
        int sr = rate.asInt();
        if (sr < MIN_SAMPLING_RATE || sr > MAX_SAMPLING_RATE) {
            throw new IllegalArgumentException("config.json data.sampling_rate " + sr + " is outside "
                    + MIN_SAMPLING_RATE + "-" + MAX_SAMPLING_RATE + " Hz");
        }
        if (!data.path("spk2id").isObject()) {
            throw new IllegalArgumentException("config.json has no data.spk2id object");
        }
        Map<String, Integer> spk = ids("spk2id", data.path("spk2id"));
        if (spk.isEmpty()) {
            throw new IllegalArgumentException("config.json data.spk2id is empty");
        }
        JsonNode nSpeakers = data.path("n_speakers");
        if (nSpeakers.canConvertToInt()) {
            for (var e : spk.entrySet()) {
                if (e.getValue() >= nSpeakers.asInt()) {
                    throw new IllegalArgumentException("config.json speaker \"" + e.getKey() + "\" has id "
                            + e.getValue() + " but data.n_speakers is " + nSpeakers.asInt());
                }
            }
        }
        if (!data.path("style2id").isMissingNode() && !data.path("style2id").isObject()) {
            throw new IllegalArgumentException("config.json data.style2id is not an object");
        }
        Map<String, Integer> styles = ids("style2id", data.path("style2id"));
        if (styles.isEmpty()) {
            styles = Map.of("Neutral", 0);
        }
        return new VoiceConfig(root.path("model_name").asText(""), root.path("version").asText(""), sr,
                Collections.unmodifiableMap(spk), Collections.unmodifiableMap(styles));
    }

    private static Map<String, Integer> ids(String table, JsonNode node) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isIntegralNumber() || !e.getValue().canConvertToInt() || e.getValue().asInt() < 0) {
                throw new IllegalArgumentException("config.json " + table + " id of \"" + e.getKey()
                        + "\" is not a non-negative integer");
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
