package dev.luna.tts.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogTextTest {

    @Test
    void aNewlineCannotForgeALogLine() {
        String forged = "あ\n2026-12-01 00:00:00,000 ERROR [fake] (x) admin logged in\r\u0007\u2028";
        String q = LogText.quote(forged);
        assertEquals("\"あ\\n2026-12-01 00:00:00,000 ERROR [fake] (x) admin logged in\\r\\u0007\\u2028\"", q);
        assertFalse(q.contains("\n") || q.contains("\r"));
    }

    @Test
    void longTextIsCut() {
        String q = LogText.quote("あ".repeat(1000));
        assertTrue(q.endsWith("… (1000 chars)"), q);
        assertEquals(LogText.MAX + 2 + "… (1000 chars)".length(), q.length());
        assertEquals("null", LogText.quote(null));
        assertEquals("\"a\\\"b\\\\\"", LogText.quote("a\"b\\"));
    }
}
