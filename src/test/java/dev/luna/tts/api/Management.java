package dev.luna.tts.api;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;

/** Requests to the management interface (health, metrics), which listens on its own port. */
public final class Management {

    private Management() {
    }

    public static URI uri() {
        return URI.create(ConfigProvider.getConfig().getValue("test.management.url", String.class));
    }

    public static int port() {
        return uri().getPort();
    }

    public static RequestSpecification given() {
        return RestAssured.given().baseUri("http://" + uri().getHost()).port(port());
    }

    /** Waits (up to 120 s) until readiness is UP: the tests' @BeforeEach, since warm-up runs after start. */
    public static void awaitReady() throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (given().get("/q/health/ready").statusCode() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not ready after 120 s: " + given().get("/q/health/ready").asString());
    }
}
