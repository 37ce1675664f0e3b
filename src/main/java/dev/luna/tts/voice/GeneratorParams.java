package dev.luna.tts.voice;

/** SBV2 infer scalars: sdp_ratio, noise_scale, noise_scale_w, length_scale. */
public record GeneratorParams(float sdpRatio, float noiseScale, float noiseScaleW, float lengthScale) {
}
