package dev.luna.tts.engine.model;

import dev.luna.tts.engine.bert.BertModel;
import dev.luna.tts.engine.voice.Voice;

import java.util.List;
import java.util.Map;

/**
 * An immutable snapshot of the loaded models; a refresh swaps in a new one.
 *
 * @param voices by name, sorted (the index is SBV2's model_id)
 * @param failed file or voice → why it did not load
 */
public record ModelSet(BertModel bert, Map<String, Voice> voices, Map<String, String> failed) {

    public static final ModelSet EMPTY = new ModelSet(null, Map.of(), Map.of());

    public List<String> names() {
        return List.copyOf(voices.keySet());
    }
}
