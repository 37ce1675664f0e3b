package dev.luna.tts.api;

import dev.luna.tts.engine.model.ModelSet;
import dev.luna.tts.engine.onnx.MemoryProbe;
import dev.luna.tts.engine.onnx.OrtRuntime;
import dev.luna.tts.engine.onnx.SessionCache;
import dev.luna.tts.engine.voice.Voice;
import dev.luna.tts.service.ModelRegistry;
import dev.luna.tts.service.StartupLoader;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** GET /models/info (SBV2-like per-id entries plus provider) and POST /models/refresh. */
@Path("/models")
@Tag(name = "Models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    private final ModelRegistry models;
    private final OrtRuntime runtime;
    private final StartupLoader loader;

    public ModelsResource(ModelRegistry models, OrtRuntime runtime, StartupLoader loader) {
        this.models = models;
        this.runtime = runtime;
        this.loader = loader;
    }

    @GET
    @Path("/info")
    @Operation(summary = "Loaded models", description = "Provider, BERT, voices by SBV2 model_id (name, paths, spk2id,"
            + " id2spk, style2id, load_ms) and the files that failed to load")
    public Map<String, Object> info() {
        ModelSet set = models.current();
        Map<String, Object> voices = new LinkedHashMap<>();
        int id = 0;
        for (Voice v : set.voices().values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", v.name());
            // relative to the model repository: absolute paths describe the host, not the API
            m.put("model_path", models.relative(v.source().model()));
            m.put("config_path", models.relative(v.source().config() == null ? v.source().model() : v.source().config()));
            m.put("format", v.source().kind().name().toLowerCase());
            m.put("device", runtime.activeProvider());
            m.put("sampling_rate", v.config().samplingRate());
            m.put("spk2id", v.config().spk2id());
            m.put("id2spk", v.config().spk2id().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getValue().toString(), Map.Entry::getKey, (a, b) -> a, LinkedHashMap::new)));
            m.put("style2id", v.config().style2id());
            m.put("load_ms", v.loadMillis());
            m.put("session", session(v.name()));
            voices.put(Integer.toString(id++), m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("provider", runtime.activeProvider());
        if (runtime.fallbackSummary() != null) {
            out.put("provider_fallback_reason", runtime.fallbackSummary());
        }
        out.put("bert", set.bert() == null ? null : set.bert().name());
        if (set.bert() != null) {
            out.put("bert_session", session("bert/" + set.bert().name()));
        }
        SessionCache cache = runtime.sessionCache();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("active", cache.active());
        c.put("format", cache.settings().format().name());
        c.put("hits", cache.hits());
        c.put("writes", cache.writes());
        c.put("replaced", cache.replaced());
        out.put("session_cache", c);
        Map<String, Object> mem = new LinkedHashMap<>();
        mem.put("host_rss_bytes", MemoryProbe.hostRss());
        if (runtime.prefersCuda()) {
            mem.put("device_bytes", MemoryProbe.deviceUsed().orElse(-1));
        }
        out.put("memory", mem);
        out.put("models", voices);
        out.put("failed", set.failed());
        return out;
    }

    /** Where a model's session came from, what the cache did, and what creating it added to memory. */
    private Map<String, Object> session(String model) {
        ModelRegistry.LoadedSession l = models.sessions().get(model);
        Map<String, Object> m = new LinkedHashMap<>();
        if (l == null) {
            return m;
        }
        m.put("files", l.files());
        if (l.cache() != null) {
            m.put("cache", l.cache().outcome().name().toLowerCase(java.util.Locale.ROOT));
            m.put("session_ms", l.cache().millis());
        }
        if (l.memory() != null) {
            m.put("host_bytes", l.memory().hostBytes());
            m.put("device_bytes", l.memory().deviceBytes() < 0 ? null : l.memory().deviceBytes());
            m.put("memory_overlapped", l.memory().overlapped());
        }
        return m;
    }

    @POST
    @Path("/refresh")
    @Blocking
    @Operation(summary = "Rescan the models folder", description = "New voices are loaded and warmed, removed or"
            + " changed ones retired once their requests finish; unchanged voices keep their sessions")
    @APIResponse(responseCode = "503", description = "Not ready",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    @AdminOperation
    public Response refresh() throws Exception {
        ModelRegistry.RefreshResult r = loader.refresh();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("voices", r.voices());
        out.put("added", r.added());
        out.put("removed", r.removed());
        out.put("kept", r.kept());
        out.put("failed", r.failed());
        return Response.ok(out).build();
    }
}
