package dev.luna.tts.api;

import dev.luna.tts.engine.voice.Voice;
import dev.luna.tts.service.ModelRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What /v1 offers, for SDKs and UIs: OpenAI's model list and a listing of the voices with their styles. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "OpenAI")
public class OpenAiCatalogResource {

    @Schema(name = "OpenAiModel")
    public record Model(String id, String object, long created, String owned_by) {
    }

    public record ModelList(String object, List<Model> data) {
    }

    /**
     * @param voices what {@code voice} accepts for this voice: its name (default style) and name:style
     */
    @Schema(name = "LunaVoice")
    public record VoiceInfo(String id, String object, List<String> styles, List<String> speakers, int sample_rate,
                            List<String> voices) {
    }

    /** @param aliases alias → {@code <voice>[:<style>]} (configured aliases, and OpenAI's names when they select one) */
    public record VoiceList(String object, List<VoiceInfo> data, Map<String, String> aliases,
                            List<String> response_formats) {
    }

    /** Seconds since the epoch when this process started: the models' {@code created}. */
    private static final long STARTED = System.currentTimeMillis() / 1000;

    private final OpenAiModels models;
    private final OpenAiVoices voices;
    private final ModelRegistry registry;

    public OpenAiCatalogResource(OpenAiModels models, OpenAiVoices voices, ModelRegistry registry) {
        this.models = models;
        this.voices = voices;
        this.registry = registry;
    }

    @GET
    @Path("/models")
    @Operation(summary = "List models (OpenAI)", description = "tts-1, tts-1-hd, gpt-4o-mini-tts and every loaded"
            + " voice; each is accepted as model by /v1/audio/speech")
    public ModelList list() {
        return new ModelList("list", models.ids().stream().map(OpenAiCatalogResource::model).toList());
    }

    @GET
    @Path("/models/{model}")
    @Operation(summary = "Retrieve a model (OpenAI)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = Model.class)))
    @APIResponse(responseCode = "404", description = "Unknown model",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OpenAiError.class)))
    public Model get(@PathParam("model") String id) {
        if (!models.ids().contains(id)) {
            throw OpenAiModels.notFound(id);
        }
        return model(id);
    }

    @GET
    @Path("/audio/voices")
    @Operation(summary = "List voices (luna)", description = "The loaded voices with their styles, speakers and rate,"
            + " the aliases, and the response formats that are produced now")
    public VoiceList voices() {
        List<VoiceInfo> data = new ArrayList<>();
        for (Voice v : registry.current().voices().values()) {
            List<String> styles = List.copyOf(v.config().style2id().keySet());
            List<String> accepted = new ArrayList<>();
            accepted.add(v.name());
            styles.forEach(s -> accepted.add(v.name() + ":" + s));
            data.add(new VoiceInfo(v.name(), "voice", styles, List.copyOf(v.config().spk2id().keySet()),
                    v.config().samplingRate(), accepted));
        }
        return new VoiceList("list", data, voices.aliases(), AudioFormats.available());
    }

    private static Model model(String id) {
        return new Model(id, "model", STARTED, "luna-tts");
    }
}
