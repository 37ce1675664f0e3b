package dev.luna.tts.api;

import jakarta.ws.rs.NameBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint that changes what the service serves (model refresh, user dictionary writes): it needs the admin
 * key ({@code luna.admin.api-key}) in {@code X-Api-Key} or {@code Authorization: Bearer}; with no key configured
 * such endpoints are refused. See {@link ApiKeyFilter}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AdminOperation {
}
