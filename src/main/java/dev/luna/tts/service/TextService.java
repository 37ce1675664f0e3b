package dev.luna.tts.service;

import dev.luna.tts.engine.TtsException;
import dev.luna.tts.text.EmptyTextException;
import dev.luna.tts.text.G2pException;
import dev.luna.tts.text.G2pResult;
import dev.luna.tts.text.TextFrontend;
import jakarta.enterprise.context.ApplicationScoped;

/** The text frontend on its own (/g2p): same limits and refusals as synthesis. */
@ApplicationScoped
public class TextService {

    private final TextFrontend frontend;
    private final LunaConfig config;

    public TextService(TextFrontend frontend, LunaConfig config) {
        this.frontend = frontend;
        this.config = config;
    }

    public G2pResult g2p(String text) {
        if (text == null || text.isEmpty()) {
            throw TtsException.invalid("text", "text is required");
        }
        int len = text.codePointCount(0, text.length());
        if (len > config.maxTextLength()) {
            throw new TtsException(TtsException.Kind.TOO_LONG, "text",
                    "text is " + len + " characters; the limit is " + config.maxTextLength());
        }
        try {
            return frontend.g2p(frontend.normalize(text));
        } catch (EmptyTextException e) {
            throw new TtsException(TtsException.Kind.EMPTY_TEXT, "text", "text contains nothing readable after normalization");
        } catch (G2pException e) {
            throw TtsException.invalid("text", "text could not be converted to phonemes: " + e.getMessage());
        }
    }
}
