package dev.luna.tts.deploy;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses a duration the way Quarkus' DurationConverter does: "60", "60s", "500ms", "1m", "PT1M". */
final class QuarkusDuration {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

    private QuarkusDuration() {
    }

    static Duration parse(String text) {
        String value = text.trim();
        Matcher m = SIMPLE.matcher(value.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        return Duration.parse(value.startsWith("P") || value.startsWith("p") ? value : "PT" + value);
    }
}
