package dev.luna.tts.engine.batch;

/** What the scheduler reports (the service turns it into metrics). Called on stage threads: keep it cheap. */
public interface EngineListener {

    enum Stage {
        BERT, GENERATOR, DECODER;

        public String label() {
            return name().toLowerCase();
        }
    }

    /** A stage ran a batch of {@code size} items in {@code nanos}. */
    void batch(Stage stage, int size, long nanos);

    /** An item waited {@code nanos} in a stage's queue before its batch started. */
    void queueWait(Stage stage, long nanos);

    /** The generator made {@code audioSeconds} of audio for {@code voice}. */
    void audio(String voice, double audioSeconds);

    EngineListener NONE = new EngineListener() {
        @Override
        public void batch(Stage stage, int size, long nanos) {
        }

        @Override
        public void queueWait(Stage stage, long nanos) {
        }

        @Override
        public void audio(String voice, double audioSeconds) {
        }
    };
}
