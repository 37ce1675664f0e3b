package dev.luna.tts.api;

import dev.luna.tts.service.ModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * The values {@code model} accepts on /v1/audio/speech: OpenAI's speech model names (all speak with the voice that
 * {@code voice} names; luna has no quality tiers) and the names of the loaded voices, for clients that list
 * /v1/models and pick one.
 */
@ApplicationScoped
public class OpenAiModels {

    public static final List<String> OPENAI_MODELS = List.of("tts-1", "tts-1-hd", "gpt-4o-mini-tts");

    private final ModelRegistry models;

    public OpenAiModels(ModelRegistry models) {
        this.models = models;
    }

    public List<String> ids() {
        List<String> ids = new ArrayList<>(OPENAI_MODELS);
        for (String v : models.current().names()) {
            if (!ids.contains(v)) {
                ids.add(v);
            }
        }
        return ids;
    }

    /** @throws ApiException 404 model_not_found (OpenAI's answer) for a name not in {@link #ids()}; null is tts-1 */
    public void check(String model) {
        if (model != null && !ids().contains(model)) {
            throw notFound(model);
        }
    }

    static ApiException notFound(String model) {
        return new ApiException(404, "model", "model_not_found", "The model '" + model
                + "' does not exist; see GET /v1/models");
    }
}
