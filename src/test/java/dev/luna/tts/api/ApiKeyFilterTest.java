package dev.luna.tts.api;

import dev.luna.tts.engine.TtsException;
import dev.luna.tts.service.LunaConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The key rules without a server: which endpoint needs which key, in which header, with and without keys set. */
class ApiKeyFilterTest {

    static class Endpoints {
        @AdminOperation
        public void refresh() {
        }

        public void synthesize() {
        }
    }

    static LunaConfig config(String adminKey, String apiKey) {
        LunaConfig.Admin admin = (LunaConfig.Admin) Proxy.newProxyInstance(LunaConfig.class.getClassLoader(),
                new Class<?>[]{LunaConfig.Admin.class}, (p, m, a) -> Optional.ofNullable(adminKey));
        return (LunaConfig) Proxy.newProxyInstance(LunaConfig.class.getClassLoader(), new Class<?>[]{LunaConfig.class},
                (p, m, a) -> switch (m.getName()) {
                    case "admin" -> admin;
                    case "apiKey" -> Optional.ofNullable(apiKey);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    static ContainerRequestContext request(Map<String, String> headers) {
        return (ContainerRequestContext) Proxy.newProxyInstance(ContainerRequestContext.class.getClassLoader(),
                new Class<?>[]{ContainerRequestContext.class}, (p, m, a) -> {
                    if (m.getName().equals("getHeaderString")) {
                        return headers.get((String) a[0]);
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    static ResourceInfo endpoint(String name) throws NoSuchMethodException {
        Method method = Endpoints.class.getMethod(name);
        return (ResourceInfo) Proxy.newProxyInstance(ResourceInfo.class.getClassLoader(),
                new Class<?>[]{ResourceInfo.class},
                (p, m, a) -> m.getName().equals("getResourceMethod") ? method : Endpoints.class);
    }

    static void refused(ApiKeyFilter f, Map<String, String> headers, String endpoint) throws Exception {
        TtsException e = assertThrows(TtsException.class, () -> f.check(request(headers), endpoint(endpoint)));
        assertEquals(TtsException.Kind.UNAUTHORIZED, e.kind());
    }

    @Test
    void adminOperationsNeedAConfiguredKeyOthersStayOpen() throws Exception {
        ApiKeyFilter none = new ApiKeyFilter(config(null, null));
        refused(none, Map.of(), "refresh");
        refused(none, Map.of("X-Api-Key", ""), "refresh");
        assertDoesNotThrow(() -> none.check(request(Map.of()), endpoint("synthesize")));

        ApiKeyFilter admin = new ApiKeyFilter(config("s3cret", null));
        refused(admin, Map.of(), "refresh");
        refused(admin, Map.of("X-Api-Key", "s3cre"), "refresh");
        refused(admin, Map.of("Authorization", "Basic s3cret"), "refresh");
        assertDoesNotThrow(() -> admin.check(request(Map.of("X-Api-Key", "s3cret")), endpoint("refresh")));
        assertDoesNotThrow(() -> admin.check(request(Map.of("Authorization", "bearer s3cret")), endpoint("refresh")));
        assertDoesNotThrow(() -> admin.check(request(Map.of()), endpoint("synthesize")));
    }

    @Test
    void anApiKeyGuardsEverythingElseAndTheAdminKeyOpensIt() throws Exception {
        ApiKeyFilter both = new ApiKeyFilter(config("admin-key", "api-key"));
        refused(both, Map.of(), "synthesize");
        refused(both, Map.of("X-Api-Key", "wrong"), "synthesize");
        assertDoesNotThrow(() -> both.check(request(Map.of("X-Api-Key", "api-key")), endpoint("synthesize")));
        assertDoesNotThrow(() -> both.check(request(Map.of("Authorization", "Bearer admin-key")), endpoint("synthesize")));
        refused(both, Map.of("X-Api-Key", "api-key"), "refresh");   // the API key is not an admin key
        assertDoesNotThrow(() -> both.check(request(Map.of("X-Api-Key", "admin-key")), endpoint("refresh")));
    }
}
