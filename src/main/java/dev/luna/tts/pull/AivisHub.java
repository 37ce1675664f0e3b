package dev.luna.tts.pull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * AivisHub's public API as AivisSpeech Engine uses it (base {@code https://api.aivis-project.com/v1},
 * User-Agent {@code AivisSpeech-Engine/<version>}-style, redirects followed):
 * {@code GET /aivm-models/<uuid>} describes a model ({@code name}, {@code model_files[]} with
 * {@code model_type} AIVM/AIVMX, {@code version}, {@code file_size}, {@code checksum},
 * {@code license_type}); {@code GET /aivm-models/<uuid>/download?model_type=AIVMX} sends the AIVMX file.
 * The published {@code checksum} is used as a sha256 only when it has 64 hex digits; the size is
 * always checked.
 */
final class AivisHub {

    static final String DEFAULT_API = "https://api.aivis-project.com/v1";
    static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** What AivisHub publishes about a model's AIVMX file. */
    record ModelFile(String uuid, String name, String version, long size, String sha256, String checksum,
                     String license) {
    }

    private final Http http;
    private final URI api;

    AivisHub(Http http, URI api) {
        this.http = http;
        this.api = api;
    }

    ModelFile describe(String uuid) throws PullException {
        URI uri = URI.create(api + "/aivm-models/" + uuid);
        HttpResponse<InputStream> resp = http.follow("GET", uri, Map.of("Accept", "application/json"), Http.Auth.none());
        try (InputStream body = resp.body()) {
            if (resp.statusCode() != 200) {
                throw error(resp.statusCode(), uuid);
            }
            JsonNode root = new ObjectMapper().readTree(body);
            for (JsonNode f : root.path("model_files")) {
                if ("AIVMX".equals(f.path("model_type").asText())) {
                    String checksum = f.path("checksum").asText(null);
                    return new ModelFile(uuid, root.path("name").asText(f.path("name").asText("")),
                            f.path("version").asText(""), f.path("file_size").asLong(-1),
                            RemoteFile.sha256OrNull(checksum), checksum, f.path("license_type").asText(""));
                }
            }
            throw new PullException(PullException.Kind.NOT_FOUND, "AivisHub model " + uuid
                    + " has no AIVMX file (only AIVMX, the ONNX format, can be pulled)");
        } catch (IOException e) {
            throw new PullException(PullException.Kind.NETWORK, "cannot read " + uri + ": " + Http.describe(e), e);
        }
    }

    URI downloadUrl(String uuid) {
        return URI.create(api + "/aivm-models/" + uuid + "/download?model_type=AIVMX");
    }

    PullException error(int status, String uuid) {
        String page = "https://hub.aivis-project.com/aivm-models/" + uuid;
        return switch (status) {
            case 401, 403 -> new PullException(PullException.Kind.AUTH, status + " from AivisHub for model " + uuid
                    + ": it cannot be downloaded without an account (private or restricted); download the .aivmx from "
                    + page + " and copy it into the models folder's voices/");
            case 404 -> new PullException(PullException.Kind.NOT_FOUND, "404: no AivisHub model " + uuid + " at " + api
                    + " (check the UUID on " + page + ")");
            default -> new PullException(PullException.Kind.NETWORK, "HTTP " + status + " from " + api + " for model " + uuid);
        };
    }
}
