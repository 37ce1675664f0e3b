package dev.luna.tts.service;

import jakarta.enterprise.context.ApplicationScoped;

/** Where start-up is: loading → loaded (started probe UP) → warm (readiness UP); or failed. */
@ApplicationScoped
public class LifecycleState {

    public enum Phase { LOADING, WARMING, READY, FAILED }

    private volatile Phase phase = Phase.LOADING;
    private volatile String failure;
    private volatile boolean draining;

    public Phase phase() {
        return phase;
    }

    public String failure() {
        return failure;
    }

    public boolean loaded() {
        return phase == Phase.WARMING || phase == Phase.READY;
    }

    /** Ready to take new requests: warmed up and not shutting down. */
    public boolean ready() {
        return phase == Phase.READY && !draining;
    }

    /** Shutting down: no new requests; in-flight ones finish. */
    public void draining() {
        draining = true;
    }

    public boolean isDraining() {
        return draining;
    }

    public void warming() {
        phase = Phase.WARMING;
    }

    public void ready(boolean ready) {
        phase = ready ? Phase.READY : Phase.WARMING;
    }

    public void failed(String why) {
        failure = why;
        phase = Phase.FAILED;
    }
}
