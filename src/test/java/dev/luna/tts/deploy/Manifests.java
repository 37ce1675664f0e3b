package dev.luna.tts.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The objects of one kustomize-rendered manifest file. */
record Manifests(Path file, List<JsonNode> objects) {

    private static final YAMLMapper YAML = new YAMLMapper();

    static Manifests read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("rendered manifest missing: " + file);
        }
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    objects.add(node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Manifests(file, List.copyOf(objects));
    }

    static JsonNode parseYaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<JsonNode> all(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    JsonNode one(String kind) {
        List<JsonNode> found = all(kind);
        if (found.size() != 1) {
            throw new AssertionError(file + ": expected one " + kind + ", found " + found.size());
        }
        return found.get(0);
    }

    JsonNode deployment() {
        return one("Deployment");
    }

    JsonNode container() {
        JsonNode containers = deployment().path("spec").path("template").path("spec").path("containers");
        if (containers.size() != 1) {
            throw new AssertionError(file + ": expected one container, found " + containers.size());
        }
        return containers.get(0);
    }

    /** The container's environment: envFrom ConfigMaps of this file, then env entries with plain values. */
    Map<String, String> containerEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container().path("envFrom")) {
            String name = from.path("configMapRef").path("name").asText(null);
            if (name == null) {
                continue;
            }
            JsonNode cm = all("ConfigMap").stream()
                    .filter(c -> name.equals(c.path("metadata").path("name").asText()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(file + ": envFrom names missing ConfigMap " + name));
            cm.path("data").properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        for (JsonNode e : container().path("env")) {
            if (e.has("value")) {
                env.put(e.path("name").asText(), e.path("value").asText());
            }
        }
        return env;
    }
}
