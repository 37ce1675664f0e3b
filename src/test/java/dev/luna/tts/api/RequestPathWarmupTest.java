package dev.luna.tts.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request-path warm-up covers every resource, and every body and response type it names can be built. */
class RequestPathWarmupTest {

    static final List<RequestPathWarmup.Types> TYPES = List.of(new RequestPathWarmup.ApiTypes(),
            new dev.luna.tts.api.voicevox.VoicevoxTypes());

    @Test
    void everyResourceClassIsWarmed() throws Exception {
        Path api = Path.of("src/main/java/dev/luna/tts/api");
        List<String> resources;
        try (Stream<Path> files = Files.walk(api)) {
            resources = files.filter(p -> p.getFileName().toString().endsWith("Resource.java"))
                    .map(p -> api.relativize(p).toString().replace('/', '.').replace(".java", ""))
                    .map(n -> "dev.luna.tts.api." + n).sorted().toList();
        }
        assertTrue(resources.size() >= 8, resources.toString());
        assertEquals(resources, TYPES.stream().flatMap(t -> t.resources().stream()).map(Class::getName).sorted().toList());
    }

    @Test
    void warmingBuildsTheReadersAndWritersAndTheBodiesStillParse() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals(8, new RequestPathWarmup(json, TYPES).warm());
        SynthesizeBody b = json.readValue("{\"text\":\"こんにちは\",\"speaker_id\":1,\"noisew\":0.5}", SynthesizeBody.class);
        assertEquals("こんにちは", b.text());
        assertEquals(1, b.speakerId());
        assertEquals(0.5, b.noiseW());
        assertEquals("{\"error\":\"bad\",\"field\":\"text\",\"type\":\"invalid_params\"}",
                json.writeValueAsString(new ErrorBody("bad", "text", "invalid_params", null)));
    }
}
