package dev.luna.tts.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.luna.tts.engine.TextSplitter;
import org.junit.jupiter.api.Test;

class WarmupTest {

    /** The CUDA warm-up's long text reaches the stages as one long piece (the default luna.split-max-chars is 60). */
    @Test
    void theLongWarmupTextIsOneLongPiece() {
        assertTrue(Warmup.LONG.codePointCount(0, Warmup.LONG.length()) > 60, "longer than one split");
        assertEquals(1, TextSplitter.split(Warmup.LONG, true, 60).size());
        assertEquals(2, TextSplitter.split(Warmup.MEDIUM, true, 10).size(), "the splitter does cut sentences");
    }
}
