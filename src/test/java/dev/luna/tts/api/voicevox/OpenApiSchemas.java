package dev.luna.tts.api.voicevox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * VOICEVOX ENGINE's OpenAPI schemas for the paths luna-tts implements (src/test/resources/voicevox, made by
 * src/test/oracle/voicevox-openapi-subset.py from VOICEVOX's own OpenAPI snapshot), as JSON Schema 2020-12.
 */
final class OpenApiSchemas {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode DOC = load();

    private OpenApiSchemas() {
    }

    private static JsonNode load() {
        try (InputStream in = OpenApiSchemas.class.getResourceAsStream("/voicevox/openapi-subset.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escape(String s) {
        return s.replace("~", "~0").replace("/", "~1");
    }

    /** The schema at a JSON pointer into the document (refs resolve against the whole document). */
    private static JsonSchema at(String pointer) {
        if (DOC.at(pointer.substring(1)).isMissingNode()) {
            throw new AssertionError("VOICEVOX's OpenAPI document has nothing at " + pointer);
        }
        ObjectNode root = DOC.deepCopy();
        root.put("$ref", pointer);
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
    }

    static Set<ValidationMessage> responseErrors(String path, String method, int status, JsonNode body) {
        return at("#/paths/" + escape(path) + "/" + method + "/responses/" + status
                + "/content/application~1json/schema").validate(body);
    }

    static Set<ValidationMessage> requestErrors(String path, String method, JsonNode body) {
        return at("#/paths/" + escape(path) + "/" + method + "/requestBody/content/application~1json/schema")
                .validate(body);
    }

    static Set<ValidationMessage> componentErrors(String name, JsonNode value) {
        return at("#/components/schemas/" + name).validate(value);
    }

    static void assertResponse(String path, String method, int status, String body) {
        try {
            assertEquals(Set.of(), responseErrors(path, method, status, JSON.readTree(body)),
                    method + " " + path + " " + status + ": " + body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertRequest(String path, String method, JsonNode body) {
        assertEquals(Set.of(), requestErrors(path, method, body), method + " " + path + " request: " + body);
    }

    /** The schemas are not vacuous: a query without speedScale and a mora without vowel are refused. */
    static void assertSchemasRefuse(JsonNode validQuery) {
        ObjectNode q = validQuery.deepCopy();
        q.remove("speedScale");
        assertFalse(requestErrors("/synthesis", "post", q).isEmpty());
        ObjectNode m = (ObjectNode) validQuery.path("accent_phrases").path(0).path("moras").path(0).deepCopy();
        m.remove("vowel");
        assertFalse(componentErrors("Mora", m).isEmpty());
    }
}
