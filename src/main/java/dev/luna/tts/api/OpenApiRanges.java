package dev.luna.tts.api;

import dev.luna.tts.engine.SynthesisParams.Param;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Writes the numeric parameters' ranges and defaults into the OpenAPI document from {@link Param} (and OpenAI's speed
 * from {@link OpenAiSpeechResource}), so the document cannot drift from what the service checks: annotations can only
 * hold constants. Every schema property and query parameter named like a parameter gets them (/voice's {@code noisew}
 * included). Registered with {@code mp.openapi.filter}.
 */
public class OpenApiRanges implements OASFilter {

    private record Range(double min, double max, double defaultValue) {
    }

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
            for (Schema schema : api.getComponents().getSchemas().values()) {
                if (schema.getProperties() == null) {
                    continue;
                }
                for (Map.Entry<String, Schema> p : schema.getProperties().entrySet()) {
                    Range r = range(p.getKey());
                    if (r != null) {
                        apply(p.getValue(), r);
                    }
                }
            }
        }
        if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
            for (PathItem item : api.getPaths().getPathItems().values()) {
                for (Operation op : item.getOperations().values()) {
                    if (op.getParameters() == null) {
                        continue;
                    }
                    for (Parameter p : op.getParameters()) {
                        Range r = p.getIn() == Parameter.In.QUERY ? range(p.getName()) : null;
                        if (r != null) {
                            if (p.getSchema() == null) {
                                p.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.NUMBER));
                            }
                            apply(p.getSchema(), r);
                        }
                    }
                }
            }
            addMetrics(api);
        }
    }

    private static Range range(String name) {
        if (name.equals("speed")) {
            return new Range(OpenAiSpeechResource.MIN_SPEED, OpenAiSpeechResource.MAX_SPEED,
                    OpenAiSpeechResource.DEFAULT_SPEED);
        }
        String field = name.equals("noisew") ? Param.NOISE_W.field : name;
        for (Param p : Param.values()) {
            if (p.field.equals(field)) {
                return new Range(p.min, p.max, p.defaultValue);
            }
        }
        return null;
    }

    private static void apply(Schema s, Range r) {
        s.setMinimum(BigDecimal.valueOf(r.min()));
        s.setMaximum(BigDecimal.valueOf(r.max()));
        s.setDefaultValue(BigDecimal.valueOf(r.defaultValue()));
    }

    /**
     * Endpoints served outside JAX-RS, which no scanner sees: Micrometer's metrics, the page and the OpenAPI
     * extension's own document and UI.
     */
    private static void addMetrics(OpenAPI api) {
        addGet(api, "/q/metrics", "Prometheus metrics", "Operations", "text/plain");
        addGet(api, "/", "A page to try the voices", "Page", "text/html");
        addGet(api, "/q/openapi", "This OpenAPI document (?format=json for JSON)", "Operations",
                "application/yaml");
        addGet(api, "/q/swagger-ui", "Swagger UI on this document", "Operations", "text/html");
    }

    private static void addGet(OpenAPI api, String path, String summary, String tag, String mediaType) {
        if (api.getPaths().hasPathItem(path)) {
            return;
        }
        api.getPaths().addPathItem(path, OASFactory.createPathItem().GET(OASFactory.createOperation()
                .summary(summary).addTag(tag)
                .responses(OASFactory.createAPIResponses().addAPIResponse("200", OASFactory.createAPIResponse()
                        .description("OK").content(OASFactory.createContent().addMediaType(mediaType,
                                OASFactory.createMediaType()))))));
    }
}
