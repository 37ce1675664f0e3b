package dev.luna.tts.engine;

import dev.luna.tts.engine.voice.GeneratorScalars;
import java.util.EnumMap;
import java.util.Map;

/**
 * The numeric synthesis parameters with SBV2 2.7's defaults and its server's ranges: the one place where they are
 * defined. Build with {@link #builder()}; {@link Builder#build()} validates each value set and fills the rest with
 * defaults.
 */
public record SynthesisParams(double sdpRatio, double noise, double noiseW, double length, double styleWeight,
                              double assistTextWeight, double splitInterval) {

    /** Each parameter: its request field name, SBV2 default and inclusive range. */
    public enum Param {
        SDP_RATIO("sdp_ratio", 0.2, 0, 1),
        NOISE("noise", 0.6, 0, 2),
        NOISE_W("noise_w", 0.8, 0, 2),
        LENGTH("length", 1.0, 0.1, 3),
        STYLE_WEIGHT("style_weight", 1.0, 0, 20),
        ASSIST_TEXT_WEIGHT("assist_text_weight", 1.0, 0, 1),
        SPLIT_INTERVAL("split_interval", 0.5, 0, 10);

        public final String field;
        public final double defaultValue;
        public final double min;
        public final double max;

        Param(String field, double defaultValue, double min, double max) {
            this.field = field;
            this.defaultValue = defaultValue;
            this.min = min;
            this.max = max;
        }

        double check(double v) {
            if (!(v >= min && v <= max)) {   // also refuses NaN
                throw TtsException.invalid(field, field + " must be between " + min + " and " + max + ", got " + v);
            }
            return v;
        }
    }

    public static final SynthesisParams DEFAULTS = builder().build();

    public static Builder builder() {
        return new Builder();
    }

    /** The generator's scalars; pieces batch together only when these are equal. */
    public GeneratorScalars scalars() {
        return new GeneratorScalars((float) sdpRatio, (float) noise, (float) noiseW, (float) length);
    }

    public static final class Builder {
        private final Map<Param, Double> values = new EnumMap<>(Param.class);

        /** Sets a value; null keeps the default. */
        public Builder set(Param p, Double v) {
            if (v != null) {
                values.put(p, p.check(v));
            }
            return this;
        }

        public SynthesisParams build() {
            return new SynthesisParams(get(Param.SDP_RATIO), get(Param.NOISE), get(Param.NOISE_W), get(Param.LENGTH),
                    get(Param.STYLE_WEIGHT), get(Param.ASSIST_TEXT_WEIGHT), get(Param.SPLIT_INTERVAL));
        }

        private double get(Param p) {
            return values.getOrDefault(p, p.defaultValue);
        }
    }
}
