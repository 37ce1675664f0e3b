package dev.luna.tts.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrtRuntimeProducerTest {

    @Test
    void providerOptionsAreKeyValuePairs() {
        assertEquals(Map.of("cudnn_conv_use_max_workspace", "0", "use_tf32", "1"),
                OrtRuntimeProducer.providerOptions(List.of("cudnn_conv_use_max_workspace=0", " use_tf32 = 1")));
        assertEquals(Map.of(), OrtRuntimeProducer.providerOptions(List.of()));
        for (String bad : List.of("use_tf32", "=1", "use_tf32=")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OrtRuntimeProducer.providerOptions(List.of(bad)));
            assertTrue(e.getMessage().startsWith("luna.cuda.provider-options: \"" + bad + "\""), e.getMessage());
        }
    }
}
