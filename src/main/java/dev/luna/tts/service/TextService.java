package dev.luna.tts.service;

import dev.luna.tts.engine.TtsException;
import dev.luna.tts.text.EmptyTextException;
import dev.luna.tts.text.G2pException;
import dev.luna.tts.text.G2pResult;
import dev.luna.tts.text.TextFrontend;
import dev.luna.tts.engine.UtterancePlanner;
import dev.luna.tts.text.accent.GivenPhones;
import dev.luna.tts.text.userdict.UserDictWord;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

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
        return g2p(text, null, null, null);
    }

    /**
     * With per-request user words and SBV2's given phones/tones (both or neither), as synthesis applies them.
     */
    public G2pResult g2p(String text, List<UserDictWord> words, List<String> givenPhones, List<Integer> givenTones) {
        if (text == null || text.isEmpty()) {
            throw TtsException.invalid("text", "text is required");
        }
        int len = text.codePointCount(0, text.length());
        if (len > config.maxTextLength()) {
            throw new TtsException(TtsException.Kind.TOO_LONG, "text",
                    "text is " + len + " characters; the limit is " + config.maxTextLength());
        }
        try {
            if (words != null && words.size() > UtterancePlanner.MAX_REQUEST_WORDS) {
                throw TtsException.invalid("words", words.size() + " words; a request may carry at most "
                        + UtterancePlanner.MAX_REQUEST_WORDS);
            }
            G2pResult g = frontend.g2p(frontend.normalize(text), frontend.userWords(words == null ? List.of() : words));
            if (givenPhones == null) {
                return g;
            }
            try {
                return GivenPhones.apply(g, givenPhones, givenTones);
            } catch (G2pException e) {
                throw TtsException.invalid("given_phone", e.getMessage());
            }
        } catch (EmptyTextException e) {
            throw new TtsException(TtsException.Kind.EMPTY_TEXT, "text", "text contains nothing readable after normalization");
        } catch (G2pException e) {
            throw TtsException.invalid("text", "text could not be converted to phonemes: " + e.getMessage());
        }
    }
}
