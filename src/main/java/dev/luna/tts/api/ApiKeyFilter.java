package dev.luna.tts.api;

import dev.luna.tts.engine.TtsException;
import dev.luna.tts.service.LunaConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * API keys, checked before any endpoint runs. {@link AdminOperation} endpoints need {@code luna.admin.api-key}
 * (refused when none is configured: an open port must not let anyone swap the voices). Every other endpoint of the
 * API port is open unless {@code luna.api-key} is set; then it needs that key or the admin key. Health and metrics
 * are on the management port and not affected.
 */
public class ApiKeyFilter {

    static final String HEADER = "X-Api-Key";

    private final LunaConfig config;

    public ApiKeyFilter(LunaConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = false)
    public void check(ContainerRequestContext ctx, ResourceInfo resource) {
        Optional<String> admin = config.admin().apiKey().filter(k -> !k.isBlank());
        boolean adminOnly = resource.getResourceMethod() != null
                && (resource.getResourceMethod().isAnnotationPresent(AdminOperation.class)
                || resource.getResourceClass().isAnnotationPresent(AdminOperation.class));
        String presented = presented(ctx);
        if (adminOnly) {
            if (admin.isEmpty()) {
                throw new TtsException(TtsException.Kind.UNAUTHORIZED, null,
                        "admin operations are disabled: no admin key (luna.admin.api-key) is configured");
            }
            if (!matches(presented, admin.get())) {
                throw new TtsException(TtsException.Kind.UNAUTHORIZED, null,
                        "this admin operation needs the admin key in " + HEADER + " or Authorization: Bearer");
            }
            return;
        }
        Optional<String> api = config.apiKey().filter(k -> !k.isBlank());
        if (api.isPresent() && !matches(presented, api.get()) && !(admin.isPresent() && matches(presented, admin.get()))) {
            throw new TtsException(TtsException.Kind.UNAUTHORIZED, null,
                    "this service needs an API key in " + HEADER + " or Authorization: Bearer");
        }
    }

    private static String presented(ContainerRequestContext ctx) {
        String key = ctx.getHeaderString(HEADER);
        if (key != null) {
            return key.strip();
        }
        String auth = ctx.getHeaderString("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).strip();
        }
        return null;
    }

    /** Constant-time comparison: the time taken does not tell how much of a guess was right. */
    private static boolean matches(String presented, String key) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                key.getBytes(StandardCharsets.UTF_8));
    }
}
