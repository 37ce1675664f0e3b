package dev.luna.tts.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads the manifests kustomize rendered from k8s/ and checks that they agree with the application's
 * own configuration (application.properties as overridden by the pod's environment) and sources.
 *
 * <p>Rendering needs kubectl/kustomize, so src/test/scripts/test-30-k8s.sh renders every overlay into
 * target/k8s-rendered/ and then runs this class with -Dluna.k8s.rendered=target/k8s-rendered; that script
 * also fails unless this class ran with no test skipped. A plain Maven run, which has rendered nothing,
 * leaves it disabled.
 */
@EnabledIfSystemProperty(named = "luna.k8s.rendered", matches = ".+")
class RenderedManifestsTest {

    private static final Set<String> OVERLAYS = Set.of("cpu", "gpu", "gpu-keda");
    private static final Pattern PROMQL_METRIC = Pattern.compile("\\b(luna_[a-z0-9_]+)\\b");

    private static Manifests rendered(String name) {
        return Manifests.read(Path.of(System.getProperty("luna.k8s.rendered")).resolve(name + ".yaml"));
    }

    private static EffectiveConfig config(Manifests m) {
        return EffectiveConfig.load(m.containerEnv());
    }

    private static boolean isGpu(Manifests m) {
        return m.container().path("resources").path("limits").has("nvidia.com/gpu");
    }

    /** Resolves a probe's or policy's port (a number or a container port name) to a number. */
    private static int portNumber(Manifests m, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode p : m.container().path("ports")) {
            if (port.asText().equals(p.path("name").asText())) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError(m.file() + ": no container port named " + port.asText());
    }

    private static int preStopSeconds(Manifests m) {
        JsonNode preStop = m.container().path("lifecycle").path("preStop");
        if (preStop.has("sleep")) {
            return preStop.path("sleep").path("seconds").asInt();
        }
        JsonNode cmd = preStop.path("exec").path("command");
        if (cmd.size() == 2 && "sleep".equals(cmd.get(0).asText())) {
            return Integer.parseInt(cmd.get(1).asText());
        }
        fail(m.file() + ": preStop must be a plain sleep, found " + preStop);
        return 0;
    }

    private static Set<String> exportedOrFail(Set<String> names) {
        Set<String> exported = ExportedMetrics.candidateNames();
        Set<String> missing = new HashSet<>(names);
        missing.removeAll(exported);
        assertTrue(missing.isEmpty(), "metrics used for scaling that no source under src/main/java registers: " + missing);
        return exported;
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu", "gpu-keda"})
    void containerPortsAreTheApplicationsHttpAndManagementPorts(String overlay) {
        Manifests m = rendered(overlay);
        EffectiveConfig cfg = config(m);
        assertTrue(cfg.managementEnabled(), "health and metrics must not be on the API port");
        JsonNode ports = m.container().path("ports");
        assertEquals(2, ports.size());
        assertEquals(cfg.httpPort(), portNumber(m, m.container().path("ports").get(0).path("name")));
        assertEquals(cfg.managementPort(), portNumber(m, new com.fasterxml.jackson.databind.node.TextNode("management")));
        JsonNode service = m.one("Service");
        // the Service carries the API only: health and metrics are for the kubelet and Prometheus (PodMonitor)
        assertEquals(1, service.path("spec").path("ports").size());
        assertEquals(cfg.httpPort(), portNumber(m, service.path("spec").path("ports").get(0).path("targetPort")));
        assertEquals(String.valueOf(cfg.healthAndMetricsPort()),
                m.deployment().path("spec").path("template").path("metadata").path("annotations").path("prometheus.io/port").asText());
        assertEquals(cfg.metricsPath(),
                m.deployment().path("spec").path("template").path("metadata").path("annotations").path("prometheus.io/path").asText());
        JsonNode np = m.one("NetworkPolicy").path("spec").path("ingress").get(0).path("ports").get(0).path("port");
        assertEquals(cfg.httpPort(), portNumber(m, np));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu", "gpu-keda"})
    void probesHitTheHealthEndpointsOnTheManagementPort(String overlay) {
        Manifests m = rendered(overlay);
        EffectiveConfig cfg = config(m);
        String[][] probes = {{"startupProbe", "started"}, {"readinessProbe", "ready"}, {"livenessProbe", "live"}};
        for (String[] p : probes) {
            JsonNode http = m.container().path(p[0]).path("httpGet");
            assertEquals(cfg.healthPath(p[1]), http.path("path").asText(), overlay + " " + p[0]);
            assertEquals(cfg.healthAndMetricsPort(), portNumber(m, http.path("port")), overlay + " " + p[0]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu", "gpu-keda"})
    void startupBudgetCoversModelLoadAndWarmUp(String overlay) {
        Manifests m = rendered(overlay);
        JsonNode probe = m.container().path("startupProbe");
        int budget = probe.path("periodSeconds").asInt(10) * probe.path("failureThreshold").asInt(3);
        // CPU: dictionary, sessions and warm-up; GPU adds CUDA context creation and cuDNN autotuning.
        int needed = isGpu(m) ? 600 : 300;
        assertTrue(budget >= needed, overlay + ": startup budget " + budget + " s < " + needed + " s");
        // Liveness only starts after the startup probe passed: it may stay short.
        JsonNode live = m.container().path("livenessProbe");
        assertTrue(live.path("periodSeconds").asInt(10) * live.path("failureThreshold").asInt(3) < budget);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu", "gpu-keda"})
    void terminationGraceOutlastsPreStopAndGracefulDrain(String overlay) {
        Manifests m = rendered(overlay);
        EffectiveConfig cfg = config(m);
        Duration drain = QuarkusDuration.parse(cfg.get("quarkus.shutdown.timeout").orElseThrow(() -> new AssertionError(
                "quarkus.shutdown.timeout is not set: Quarkus then stops without draining in-flight streams")));
        assertTrue(drain.toSeconds() > 0);
        Duration delay = Boolean.parseBoolean(cfg.get("quarkus.shutdown.delay-enabled", "false"))
                ? QuarkusDuration.parse(cfg.get("quarkus.shutdown.delay", "0")) : Duration.ZERO;
        assertTrue(Boolean.parseBoolean(cfg.get("quarkus.shutdown.delay-enabled", "false")),
                "without the shutdown delay readiness stays UP during the drain");
        long grace = m.deployment().path("spec").path("template").path("spec").path("terminationGracePeriodSeconds").asLong(30);
        long needed = preStopSeconds(m) + delay.toSeconds() + drain.toSeconds();
        assertTrue(grace > needed, overlay + ": terminationGracePeriodSeconds " + grace + " <= preStop + shutdown " + needed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu", "gpu-keda"})
    void podRunsNonRootOnAReadOnlyRootWithWritableTmp(String overlay) {
        Manifests m = rendered(overlay);
        JsonNode pod = m.deployment().path("spec").path("template").path("spec");
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean());
        assertTrue(pod.path("securityContext").path("runAsUser").asInt() > 0);
        assertTrue(m.container().path("securityContext").path("readOnlyRootFilesystem").asBoolean());
        String tmpVolume = null;
        for (JsonNode mount : m.container().path("volumeMounts")) {
            if ("/tmp".equals(mount.path("mountPath").asText())) {
                tmpVolume = mount.path("name").asText();
                assertFalse(mount.path("readOnly").asBoolean());
            }
        }
        assertTrue(tmpVolume != null, "no writable /tmp");
        boolean emptyDir = false;
        for (JsonNode v : pod.path("volumes")) {
            emptyDir |= tmpVolume.equals(v.path("name").asText()) && v.has("emptyDir");
        }
        assertTrue(emptyDir, "/tmp must be an emptyDir");
        String modelsDir = config(m).get("luna.models-dir").orElseThrow();
        boolean mounted = false;
        for (JsonNode mount : m.container().path("volumeMounts")) {
            mounted |= mount.path("mountPath").asText().equals(modelsDir);
        }
        assertTrue(mounted, "luna.models-dir " + modelsDir + " is not a mounted volume");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu", "gpu-keda"})
    void everyLunaVariableSetsAPropertyTheApplicationDeclares(String overlay) {
        Set<String> declared = new HashSet<>();
        for (String key : EffectiveConfig.declaredProperties()) {
            declared.add(EffectiveConfig.envName(key));
        }
        for (String name : rendered(overlay).containerEnv().keySet()) {
            if (name.startsWith("LUNA_")) {
                assertTrue(declared.contains(name), overlay + ": " + name + " matches no property of application.properties");
            }
        }
    }

    @Test
    void gpuOverlaysAskForOneGpuAndTolerateGpuNodes() {
        for (String overlay : List.of("gpu", "gpu-keda")) {
            Manifests m = rendered(overlay);
            assertEquals("1", m.container().path("resources").path("limits").path("nvidia.com/gpu").asText());
            JsonNode pod = m.deployment().path("spec").path("template").path("spec");
            boolean tolerates = false;
            for (JsonNode t : pod.path("tolerations")) {
                tolerates |= "nvidia.com/gpu".equals(t.path("key").asText());
            }
            assertTrue(tolerates, overlay);
            assertFalse(pod.path("nodeSelector").isEmpty(), overlay);
            assertEquals("cuda", config(m).get("luna.provider").orElseThrow(), overlay);
        }
        Manifests cpu = rendered("cpu");
        assertFalse(isGpu(cpu));
        assertEquals("cpu", config(cpu).get("luna.provider").orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void hpaScalesOnTheServicesOwnGaugesWithCpuFallback(String overlay) {
        Manifests m = rendered(overlay);
        JsonNode hpa = m.one("HorizontalPodAutoscaler");
        assertEquals("autoscaling/v2", hpa.path("apiVersion").asText());
        assertEquals(m.deployment().path("metadata").path("name").asText(), hpa.path("spec").path("scaleTargetRef").path("name").asText());
        List<String> podMetrics = new ArrayList<>();
        boolean cpuFallback = false;
        int maxPieces = Integer.parseInt(config(m).get("luna.admission.max-pieces").orElseThrow());
        for (JsonNode metric : hpa.path("spec").path("metrics")) {
            switch (metric.path("type").asText()) {
                case "Pods" -> {
                    String name = metric.path("pods").path("metric").path("name").asText();
                    podMetrics.add(name);
                    double target = quantity(metric.path("pods").path("target").path("averageValue").asText());
                    if (name.equals("luna_tts_admitted_pieces")) {
                        assertTrue(target > 0 && target < maxPieces, overlay + ": target " + target + " for " + name
                                + " must lie below LUNA_ADMISSION_MAX_PIECES " + maxPieces);
                    }
                }
                case "Resource" -> cpuFallback |= "cpu".equals(metric.path("resource").path("name").asText());
                default -> fail("unexpected metric type " + metric);
            }
        }
        assertEquals(List.of("luna_tts_admitted_pieces", "luna_tts_queued_requests"), podMetrics);
        assertTrue(cpuFallback, overlay + ": CPU fallback metric missing");
        exportedOrFail(Set.copyOf(podMetrics));
        assertTrue(adapterMetricNames().containsAll(podMetrics),
                "prometheus-adapter serves " + adapterMetricNames() + ", HPA asks for " + podMetrics);
        assertSlowScaleDown(overlay, hpa.path("spec").path("behavior"), isGpu(m));
        assertTrue(m.all("ScaledObject").isEmpty(), "HPA and KEDA must not both drive the Deployment");
    }

    @Test
    void kedaVariantQueriesTheSameGaugesInItsOwnNamespace() {
        Manifests m = rendered("gpu-keda");
        assertTrue(m.all("HorizontalPodAutoscaler").isEmpty(), "KEDA creates the HPA itself");
        JsonNode so = m.one("ScaledObject");
        assertEquals(m.deployment().path("metadata").path("name").asText(), so.path("spec").path("scaleTargetRef").path("name").asText());
        String namespace = so.path("metadata").path("namespace").asText();
        boolean cpu = false;
        Set<String> used = new HashSet<>();
        for (JsonNode trigger : so.path("spec").path("triggers")) {
            if ("cpu".equals(trigger.path("type").asText())) {
                cpu = true;
            } else if ("prometheus".equals(trigger.path("type").asText())) {
                String query = trigger.path("metadata").path("query").asText();
                Matcher metric = PROMQL_METRIC.matcher(query);
                while (metric.find()) {
                    used.add(metric.group(1));
                }
                Matcher ns = Pattern.compile("namespace=\"([^\"]*)\"").matcher(query);
                int selectors = 0;
                while (ns.find()) {
                    assertEquals(namespace, ns.group(1), "query must select the ScaledObject's namespace");
                    selectors++;
                }
                assertEquals(2, selectors, query);
                double threshold = Double.parseDouble(trigger.path("metadata").path("threshold").asText());
                int maxPieces = Integer.parseInt(config(m).get("luna.admission.max-pieces").orElseThrow());
                assertTrue(threshold > 0 && threshold < maxPieces, "threshold " + threshold);
            }
        }
        assertTrue(cpu, "CPU trigger missing");
        assertEquals(Set.of("luna_tts_admitted_pieces", "luna_tts_queued_requests"), used);
        exportedOrFail(used);
        assertSlowScaleDown("gpu-keda", so.path("spec").path("advanced").path("horizontalPodAutoscalerConfig").path("behavior"), true);
        assertTrue(so.path("spec").path("cooldownPeriod").asInt() >= 300);
    }

    @Test
    void dnsEgressPeerIsNotNarrowedToTheAppsOwnLabels() {
        for (String overlay : OVERLAYS) {
            JsonNode egress = rendered(overlay).one("NetworkPolicy").path("spec").path("egress");
            for (JsonNode rule : egress) {
                for (JsonNode peer : rule.path("to")) {
                    assertFalse(peer.path("podSelector").path("matchLabels").has("app.kubernetes.io/name"),
                            overlay + ": egress peer carries the app's label: " + peer);
                }
            }
        }
    }

    private static void assertSlowScaleDown(String overlay, JsonNode behavior, boolean gpu) {
        int window = behavior.path("scaleDown").path("stabilizationWindowSeconds").asInt(300);
        assertTrue(window >= (gpu ? 600 : 300), overlay + ": scale-down window " + window + " s");
        for (JsonNode policy : behavior.path("scaleDown").path("policies")) {
            assertEquals("Pods", policy.path("type").asText());
            assertEquals(1, policy.path("value").asInt(), overlay + ": scale down one pod at a time");
        }
    }

    /** Metric names prometheus-adapter's rules expose, each of which must be a series the service exports. */
    private static Set<String> adapterMetricNames() {
        Manifests adapter = rendered("prometheus-adapter");
        JsonNode config = Manifests.parseYaml(adapter.one("ConfigMap").path("data").path("config.yaml").asText());
        Set<String> names = new HashSet<>();
        Set<String> series = new HashSet<>();
        for (JsonNode rule : config.path("rules")) {
            names.add(rule.path("name").path("as").asText());
            Matcher s = PROMQL_METRIC.matcher(rule.path("seriesQuery").asText());
            assertTrue(s.find(), "seriesQuery names no luna_ series: " + rule);
            series.add(s.group(1));
            assertTrue(rule.path("metricsQuery").asText().contains("<<.Series>>"));
            assertTrue(rule.path("metricsQuery").asText().contains("<<.GroupBy>>"));
            assertEquals("pod", rule.path("resources").path("overrides").path("pod").path("resource").asText());
        }
        exportedOrFail(series);
        return names;
    }

    /** A Kubernetes quantity as used in metric targets: "1500m", "2", "0.5". */
    private static double quantity(String q) {
        return q.endsWith("m") ? Double.parseDouble(q.substring(0, q.length() - 1)) / 1000 : Double.parseDouble(q);
    }
}
