package dev.luna.tts.api.voicevox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.luna.tts.text.accent.AccentPhrase;
import dev.luna.tts.text.accent.Mora;

import java.util.List;

/**
 * VOICEVOX ENGINE's JSON shapes (its OpenAPI component names, snake_case inside phrases, camelCase in AudioQuery).
 * Absent values are left out rather than written as null: VOICEVOX's schema types them without null.
 */
public final class VoicevoxModels {

    private VoicevoxModels() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MoraJson(String text, String consonant, @JsonProperty("consonant_length") Double consonantLength,
                           String vowel, @JsonProperty("vowel_length") Double vowelLength, Double pitch) {

        static MoraJson of(Mora m) {
            return new MoraJson(m.text(), m.consonant(), m.consonantLength(), m.vowel(), m.vowelLength(), m.pitch());
        }

        Mora toMora() {
            return new Mora(text, consonant, consonantLength, vowel, vowelLength == null ? 0 : vowelLength,
                    pitch == null ? 0 : pitch);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AccentPhraseJson(List<MoraJson> moras, Integer accent,
                                   @JsonProperty("pause_mora") MoraJson pauseMora,
                                   @JsonProperty("is_interrogative") Boolean isInterrogative) {

        static AccentPhraseJson of(AccentPhrase p) {
            return new AccentPhraseJson(p.moras().stream().map(MoraJson::of).toList(), p.accent(),
                    p.pauseMora() == null ? null : MoraJson.of(p.pauseMora()), p.interrogative());
        }
    }

    /**
     * VOICEVOX's AudioQuery plus AivisSpeech's {@code tempoDynamicsScale} and two luna-tts fields,
     * {@code noiseScale} and {@code noiseScaleW} (SBV2's noise and noise_w; absent: SBV2's defaults).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AudioQueryJson(@JsonProperty("accent_phrases") List<AccentPhraseJson> accentPhrases,
                                 Double speedScale, Double intonationScale, Double tempoDynamicsScale,
                                 Double pitchScale, Double volumeScale, Double prePhonemeLength,
                                 Double postPhonemeLength, Double pauseLength, Double pauseLengthScale,
                                 Integer outputSamplingRate, Boolean outputStereo, String kana,
                                 Double noiseScale, Double noiseScaleW) {
    }

    public record SpeakerStyleJson(String name, int id, String type) {
    }

    public record SpeakerSupportedFeaturesJson(@JsonProperty("permitted_synthesis_morphing") String morphing) {
    }

    public record SpeakerJson(String name, @JsonProperty("speaker_uuid") String speakerUuid,
                              List<SpeakerStyleJson> styles, String version,
                              @JsonProperty("supported_features") SpeakerSupportedFeaturesJson supportedFeatures) {
    }

    public record StyleInfoJson(int id, String icon, @JsonProperty("voice_samples") List<String> voiceSamples) {
    }

    public record SpeakerInfoJson(String policy, String portrait, @JsonProperty("style_infos") List<StyleInfoJson> styleInfos) {
    }
}
