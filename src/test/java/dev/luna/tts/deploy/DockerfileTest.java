package dev.luna.tts.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the Dockerfiles against the application's configuration and the k8s base: port, user,
 * environment and the native-library directory the entry point hands ONNX Runtime. (Lint and "every
 * copied path exists in a built project" run in src/test/scripts/test-30-k8s.sh.)
 */
class DockerfileTest {

    private static final Path DOCKER = Path.of("src/main/docker");
    private static final Pattern ENV_PAIR = Pattern.compile("([A-Z_][A-Z0-9_]*)=(\\S+)");

    /** One instruction per entry, continuation lines joined, comments dropped. */
    private static List<String> instructions(String dockerfile) {
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        try {
            for (String line : Files.readAllLines(DOCKER.resolve(dockerfile))) {
                String trimmed = line.strip();
                if (trimmed.startsWith("#") || (current == null && trimmed.isEmpty())) {
                    continue;
                }
                boolean cont = trimmed.endsWith("\\");
                String body = cont ? trimmed.substring(0, trimmed.length() - 1).strip() : trimmed;
                current = current == null ? new StringBuilder(body) : current.append(' ').append(body);
                if (!cont) {
                    out.add(current.toString());
                    current = null;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static List<String> finalStage(String dockerfile) {
        List<String> all = instructions(dockerfile);
        int from = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).startsWith("FROM ")) {
                from = i;
            }
        }
        return all.subList(from, all.size());
    }

    private static Map<String, String> env(List<String> stage) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String ins : stage) {
            if (ins.startsWith("ENV ")) {
                Matcher m = ENV_PAIR.matcher(ins.substring(4));
                while (m.find()) {
                    env.put(m.group(1), m.group(2));
                }
            }
        }
        return env;
    }

    private static String single(List<String> stage, String op) {
        List<String> found = stage.stream().filter(i -> i.startsWith(op + " ")).toList();
        assertEquals(1, found.size(), op + " in final stage");
        return found.get(0).substring(op.length() + 1).strip();
    }

    private static JsonNode baseDeployment() {
        return Manifests.read(Path.of("k8s/base/deployment.yaml")).deployment();
    }

    private static JsonNode baseConfigMapData() {
        return Manifests.read(Path.of("k8s/base/configmap.yaml")).one("ConfigMap").path("data");
    }

    /** Where the final stage's COPY --from=natives puts what the natives stage wrote under src. */
    private static String nativeDestination(List<String> stage, String pathInNativesStage) {
        for (String ins : stage) {
            String[] parts = ins.split("\\s+");
            if (parts[0].equals("COPY") && ins.contains("--from=natives")) {
                String src = parts[parts.length - 2];
                String dest = parts[parts.length - 1];
                if (pathInNativesStage.startsWith(src)) {
                    return dest + pathInNativesStage.substring(src.length());
                }
            }
        }
        throw new AssertionError("no COPY --from=natives covers " + pathInNativesStage);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.cpu"})
    void exposesTheApplicationsPortAndRunsAsTheDeploymentsNonRootUser(String dockerfile) {
        List<String> stage = finalStage(dockerfile);
        EffectiveConfig cfg = EffectiveConfig.load(env(stage));
        assertEquals(cfg.httpPort() + " " + cfg.managementPort(), single(stage, "EXPOSE"));
        String[] user = single(stage, "USER").split(":");
        int uid = Integer.parseInt(user[0]);
        assertNotEquals(0, uid);
        JsonNode pod = baseDeployment().path("spec").path("template").path("spec").path("securityContext");
        assertEquals(pod.path("runAsUser").asInt(), uid);
        assertEquals(pod.path("runAsGroup").asInt(), Integer.parseInt(user[1]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.cpu"})
    void entryPointLoadsPreExtractedNativesAndWritesOnlyToTmp(String dockerfile) throws IOException {
        List<String> stage = finalStage(dockerfile);
        JsonNode entry = new ObjectMapper().readTree(single(stage, "ENTRYPOINT"));
        assertTrue(entry.isArray(), "exec form, so java is PID 1 and receives SIGTERM");
        assertEquals("java", entry.get(0).asText());
        List<String> args = new ArrayList<>();
        entry.forEach(a -> args.add(a.asText()));
        assertTrue(args.contains("-Djava.io.tmpdir=/tmp"));
        String ortDir = args.stream().filter(a -> a.startsWith("-Donnxruntime.native.path="))
                .map(a -> a.substring(a.indexOf('=') + 1)).findFirst().orElseThrow();
        String natives = instructions(dockerfile).stream().filter(i -> i.contains("ai/onnxruntime/native/linux-x64/*"))
                .findFirst().orElseThrow();
        Matcher ortTarget = Pattern.compile("'ai/onnxruntime/native/linux-x64/\\*' -d (\\S+);").matcher(natives);
        assertTrue(ortTarget.find(), natives);
        assertEquals(nativeDestination(stage, ortTarget.group(1)), ortDir);
        Matcher djlTarget = Pattern.compile("libtokenizers.so' -d (\\S+);").matcher(natives);
        assertTrue(djlTarget.find(), natives);
        Map<String, String> env = env(stage);
        assertEquals(nativeDestination(stage, djlTarget.group(1)) + "/libtokenizers.so", env.get("RUST_LIBRARY_PATH"));
        assertEquals("true", env.get("DJL_OFFLINE"));
        assertTrue(env.get("DJL_CACHE_DIR").startsWith("/tmp/"));
        assertEquals("/opt/luna/app/quarkus-run.jar", args.get(args.indexOf("-jar") + 1));
        assertTrue(stage.stream().anyMatch(i -> i.matches("COPY .*target/quarkus-app/quarkus-run.jar /opt/luna/app/")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.cpu"})
    void environmentMatchesTheKubernetesConfiguration(String dockerfile) {
        Map<String, String> env = env(finalStage(dockerfile));
        JsonNode cm = baseConfigMapData();
        assertEquals(cm.path("LUNA_DICTIONARY_DIR").asText(), env.get("LUNA_DICTIONARY_DIR"));
        assertEquals("/var/lib/mecab/dic/open-jtalk/naist-jdic", env.get("LUNA_DICTIONARY_DIR"));
        assertEquals(cm.path("LUNA_MODELS_DIR").asText(), env.get("LUNA_MODELS_DIR"));
        assertEquals(cm.path("DJL_OFFLINE").asText(), env.get("DJL_OFFLINE"));
        assertTrue(instructions(dockerfile).stream().anyMatch(i -> i.contains("open-jtalk-mecab-naist-jdic")),
                "the dictionary comes from the distribution's package");
        assertTrue(instructions(dockerfile).stream().anyMatch(i -> i.contains("openjdk-21-jre-headless")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Dockerfile.jvm", "Dockerfile.cpu"})
    void runtimeBaseMatchesTheProvider(String dockerfile) {
        List<String> all = instructions(dockerfile);
        Map<String, String> args = new LinkedHashMap<>();
        for (String i : all) {
            Matcher m = Pattern.compile("^ARG (\\w+)=(\\S+)$").matcher(i);
            if (m.matches()) {
                args.put(m.group(1), m.group(2));
            }
        }
        String from = finalStage(dockerfile).get(0).substring(5).strip();
        String image = args.getOrDefault(from.replaceAll("^\\$\\{(\\w+)}$", "$1"), from);
        String provider = env(finalStage(dockerfile)).get("LUNA_PROVIDER");
        if (dockerfile.equals("Dockerfile.jvm")) {
            assertTrue(image.matches("nvidia/cuda:12\\.[0-9.]+-cudnn-runtime-ubuntu24\\.04"), image);
            assertEquals("cuda", provider);
        } else {
            assertFalse(image.contains("cuda"), image);
            assertEquals("cpu", provider);
        }
    }
}
