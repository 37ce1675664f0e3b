package dev.luna.tts.engine.voice;

/** SBV2 infer's scalar inputs: sdp_ratio, noise_scale, noise_scale_w, length_scale (one value per run). */
public record GeneratorScalars(float sdpRatio, float noiseScale, float noiseScaleW, float lengthScale) {
}
