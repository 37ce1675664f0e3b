package dev.luna.tts.api.voicevox;

import dev.luna.tts.api.RequestPathWarmup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The VOICEVOX-compatible API's resources and JSON types, for {@link RequestPathWarmup}. */
@ApplicationScoped
@io.quarkus.arc.Unremovable   // found through Instance<Types> only
public class VoicevoxTypes implements RequestPathWarmup.Types {
    @Override
    public List<Class<?>> resources() {
        return List.of(VoicevoxResource.class, VoicevoxUserDictResource.class);
    }

    @Override
    public List<Class<?>> bodies() {
        return List.of(VoicevoxModels.AudioQueryJson.class, VoicevoxModels.AccentPhraseJson.class,
                VoicevoxResource.WordsBody.class);
    }

    @Override
    public List<Class<?>> responses() {
        return List.of(VoicevoxModels.AudioQueryJson.class, VoicevoxModels.AccentPhraseJson.class);
    }
}
