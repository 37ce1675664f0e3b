package dev.luna.tts.api;

import dev.luna.tts.engine.model.ModelSet;
import dev.luna.tts.engine.voice.Voice;
import dev.luna.tts.service.LunaConfig;
import dev.luna.tts.service.ModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * OpenAI's {@code voice} → a luna voice and style. Accepted forms, in this order: an alias from
 * {@code luna.openai.voices.<alias>=<voice>[:<style>]}; a voice name; {@code <voice or alias>:<style>} (split at the
 * last colon); one of OpenAI's own names, which selects the first voice when {@code luna.openai.builtin-voices-to-first}
 * is on.
 */
@ApplicationScoped
public class OpenAiVoices {

    /** OpenAI's built-in voice names (its API reference, 2025). */
    public static final List<String> OPENAI_VOICES = List.of("alloy", "ash", "ballad", "coral", "echo", "fable",
            "onyx", "nova", "sage", "shimmer", "verse", "marin", "cedar");

    /** A voice choice: {@code style} null = the engine's default style. */
    public record Choice(String voice, String style) {
    }

    private final ModelRegistry models;
    private final LunaConfig.Openai config;

    public OpenAiVoices(ModelRegistry models, LunaConfig config) {
        this.models = models;
        this.config = config.openai();
    }

    /** @throws ApiException 400 naming {@code voice} when nothing matches */
    public Choice resolve(String value) {
        ModelSet set = models.current();
        Choice c = lookup(set, value);
        if (c == null) {
            int colon = value.lastIndexOf(':');
            if (colon > 0 && colon < value.length() - 1) {
                Choice base = lookup(set, value.substring(0, colon));
                if (base != null) {
                    c = new Choice(base.voice(), value.substring(colon + 1));
                }
            }
        }
        if (c == null) {
            throw new ApiException(400, "voice", "invalid_value", "voice '" + value + "' not found; available: "
                    + String.join(", ", choices(set)));
        }
        if (!set.voices().containsKey(c.voice())) {
            throw new ApiException(400, "voice", "invalid_value", "voice '" + value + "' is an alias of voice '"
                    + c.voice() + "', which is not loaded; available: " + String.join(", ", set.names()));
        }
        return c;
    }

    /** The sample rate of a loaded voice. */
    public int sampleRate(String voice) {
        Voice v = models.current().voices().get(voice);
        if (v == null) {
            throw new ApiException(400, "voice", "invalid_value", "voice '" + voice + "' is not loaded");
        }
        return v.config().samplingRate();
    }

    private Choice lookup(ModelSet set, String name) {
        String alias = config.voices().get(name);
        if (alias != null) {
            int colon = alias.lastIndexOf(':');
            return colon > 0 && !set.voices().containsKey(alias)
                    ? new Choice(alias.substring(0, colon), alias.substring(colon + 1)) : new Choice(alias, null);
        }
        if (set.voices().containsKey(name)) {
            return new Choice(name, null);
        }
        if (config.builtinVoicesToFirst() && OPENAI_VOICES.contains(name) && !set.voices().isEmpty()) {
            return new Choice(set.names().get(0), null);
        }
        return null;
    }

    /** Alias → its target ({@code <voice>[:<style>]}), sorted; OpenAI's names included when they select a voice. */
    public Map<String, String> aliases() {
        ModelSet set = models.current();
        Map<String, String> out = new TreeMap<>();
        if (config.builtinVoicesToFirst() && !set.voices().isEmpty()) {
            for (String n : OPENAI_VOICES) {
                if (!set.voices().containsKey(n)) {
                    out.put(n, set.names().get(0));
                }
            }
        }
        out.putAll(config.voices());
        return out;
    }

    private List<String> choices(ModelSet set) {
        List<String> out = new ArrayList<>();
        for (Voice v : set.voices().values()) {
            for (String style : v.config().style2id().keySet()) {
                out.add(v.name() + ":" + style);
            }
        }
        out.addAll(aliases().keySet());
        return out;
    }
}
