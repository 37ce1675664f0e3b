package dev.luna.tts.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The configuration the application sees in a pod: application.properties with the prod profile applied,
 * overridden by the container's environment the way MicroProfile Config maps environment variables.
 */
final class EffectiveConfig {

    static final Path APPLICATION_PROPERTIES = Path.of("src/main/resources/application.properties");

    private final Map<String, String> properties;
    private final Map<String, String> env;

    private EffectiveConfig(Map<String, String> properties, Map<String, String> env) {
        this.properties = properties;
        this.env = env;
    }

    static EffectiveConfig load(Map<String, String> containerEnv) {
        Properties raw = new Properties();
        try (Reader in = Files.newBufferedReader(APPLICATION_PROPERTIES, StandardCharsets.UTF_8)) {
            raw.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + APPLICATION_PROPERTIES, e);
        }
        Map<String, String> props = new HashMap<>();
        for (String key : raw.stringPropertyNames()) {
            if (!key.startsWith("%")) {
                props.put(key, raw.getProperty(key));
            }
        }
        for (String key : raw.stringPropertyNames()) {
            if (key.startsWith("%prod.")) {
                props.put(key.substring("%prod.".length()), raw.getProperty(key));
            }
        }
        return new EffectiveConfig(props, Map.copyOf(containerEnv));
    }

    /**
     * Property names application.properties declares, profile prefixes removed; a commented-out
     * {@code # luna.x=value} line declares an optional property whose default depends on the machine.
     */
    static Set<String> declaredProperties() {
        Properties raw = new Properties();
        try (Reader in = Files.newBufferedReader(APPLICATION_PROPERTIES, StandardCharsets.UTF_8)) {
            raw.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + APPLICATION_PROPERTIES, e);
        }
        Set<String> keys = new HashSet<>();
        for (String key : raw.stringPropertyNames()) {
            keys.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
        }
        try {
            for (String line : Files.readAllLines(APPLICATION_PROPERTIES, StandardCharsets.UTF_8)) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("^#\\s*(luna\\.[a-z0-9.-]+)=").matcher(line);
                if (m.find()) {
                    keys.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + APPLICATION_PROPERTIES, e);
        }
        return keys;
    }

    /** MicroProfile Config's environment name for a property: non-alphanumerics to '_', upper case. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    Optional<String> get(String property) {
        String fromEnv = env.get(envName(property));
        if (fromEnv != null) {
            return Optional.of(fromEnv);
        }
        return Optional.ofNullable(properties.get(property)).map(String::trim);
    }

    String get(String property, String quarkusDefault) {
        return get(property).orElse(quarkusDefault);
    }

    int httpPort() {
        return Integer.parseInt(get("quarkus.http.port", "8080"));
    }

    /** Whether health and metrics are on Quarkus's management interface (their own port) rather than the API port. */
    boolean managementEnabled() {
        return Boolean.parseBoolean(get("quarkus.management.enabled", "false"));
    }

    int managementPort() {
        return Integer.parseInt(get("quarkus.management.port", "9000"));
    }

    /** The port health probes and Prometheus must use. */
    int healthAndMetricsPort() {
        return managementEnabled() ? managementPort() : httpPort();
    }

    /** Absolute path of a non-application endpoint, e.g. "health/ready" -> "/q/health/ready". */
    String nonApplicationPath(String relative) {
        String root = get("quarkus.http.non-application-root-path", "q");
        return join(root.startsWith("/") ? root : "/" + root, relative);
    }

    String healthPath(String which) {
        String health = get("quarkus.smallrye-health.root-path", "health");
        String sub = get("quarkus.smallrye-health." + which + "-path", which);
        String base = health.startsWith("/") ? health : nonApplicationPath(health);
        return sub.startsWith("/") ? sub : join(base, sub);
    }

    String metricsPath() {
        String path = get("quarkus.micrometer.export.prometheus.path", "metrics");
        return path.startsWith("/") ? path : nonApplicationPath(path);
    }

    private static String join(String base, String sub) {
        return (base.endsWith("/") ? base : base + "/") + sub;
    }
}
