package dev.luna.tts.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.lang.reflect.Method;
import java.util.List;

/**
 * The HTTP request path's one-time costs, paid at start on a thread of its own (beside the model loading) instead of by
 * the first request: Jackson builds a body type's deserializer (or a response type's serializer) on its first use,
 * and the first annotation lookup on a resource method ({@link ApiKeyFilter}'s) parses all of its annotations, the
 * OpenAPI ones included (what that took from the first request: BENCHMARKS.md). The engine's own first-use costs are
 * the service's warm-up's.
 */
@ApplicationScoped
public class RequestPathWarmup {

    private static final Logger LOG = Logger.getLogger(RequestPathWarmup.class);

    /**
     * What a package of resources warms: its resource classes, the types Jackson reads from its request bodies and
     * writes as its responses (through the application's ObjectMapper). A bean per package (a test keeps the
     * resource lists complete).
     */
    public interface Types {
        List<Class<?>> resources();

        List<Class<?>> bodies();

        List<Class<?>> responses();
    }

    /** This package's. */
    @ApplicationScoped
    @io.quarkus.arc.Unremovable   // found through Instance<Types> only
    static class ApiTypes implements Types {
        @Override
        public List<Class<?>> resources() {
            return List.of(SynthesizeResource.class, VoiceResource.class, G2pResource.class, ModelsResource.class,
                    OpenAiSpeechResource.class, OpenAiCatalogResource.class);
        }

        @Override
        public List<Class<?>> bodies() {
            return List.of(SynthesizeBody.class, G2pResource.G2pBody.class);
        }

        @Override
        public List<Class<?>> responses() {
            return List.of(ErrorBody.class, G2pResource.G2pResponse.class);
        }
    }

    private final ObjectMapper json;
    private final List<Types> types;

    @jakarta.inject.Inject
    public RequestPathWarmup(ObjectMapper json, Instance<Types> types) {
        this(json, types.stream().toList());
    }

    RequestPathWarmup(ObjectMapper json, List<Types> types) {
        this.json = json;
        this.types = types;
    }

    void onStart(@Observes StartupEvent event) {
        Thread t = new Thread(() -> {
            long t0 = System.nanoTime();
            try {
                int resources = warm();
                LOG.infof("Request path warmed in %d ms (%d resources)", (System.nanoTime() - t0) / 1_000_000,
                        resources);
            } catch (RuntimeException | LinkageError e) {
                // only the first request's speed is at stake: it pays these costs itself then (LinkageError: a
                // native image refuses reflection on a class not registered for it)
                LOG.warnf("Warming the request path failed (%s: %s); the first request builds what it needs",
                        e.getClass().getSimpleName(), e.getMessage());
            }
        }, "luna-request-path-warmup");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Builds and caches what the first request would: annotation data, body deserializers and serializers.
     *
     * @return how many resource classes it went through
     */
    int warm() {
        int resources = 0;
        for (Types t : types) {
            resources += t.resources().size();
            for (Class<?> resource : t.resources()) {
                resource.getAnnotations();
                for (Method m : resource.getDeclaredMethods()) {
                    m.getAnnotations();
                }
            }
            for (Class<?> body : t.bodies()) {
                json.readerFor(body);   // builds the root deserializer now (Jackson's eager fetch) and caches it
            }
            for (Class<?> response : t.responses()) {
                json.writerFor(response);
            }
        }
        OpenAiSpeechRequest.parse("{\"model\":\"tts-1\",\"input\":\"a\",\"voice\":\"alloy\"}");
        return resources;
    }
}
