package dev.luna.tts.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.luna.tts.engine.UtterancePlanner;
import dev.luna.tts.text.userdict.UserDictException;
import dev.luna.tts.text.userdict.UserDictWord;
import dev.luna.tts.text.userdict.WordType;

import java.util.ArrayList;
import java.util.List;

import static dev.luna.tts.engine.TtsException.invalid;

/** Per-request user dictionary words ({@code words: [...]}, VOICEVOX's word fields) → checked words. */
public final class RequestWords {

    /** One word as a request carries it (VOICEVOX's /user_dict_word parameters). */
    public record WordJson(String surface, String pronunciation, @JsonProperty("accent_type") Integer accentType,
                           @JsonProperty("word_type") String wordType, Integer priority) {
    }

    private RequestWords() {
    }

    /** @return null for none; refuses a bad word naming {@code words[i].field} */
    public static List<UserDictWord> of(List<WordJson> words) {
        if (words == null || words.isEmpty()) {
            return null;
        }
        if (words.size() > UtterancePlanner.MAX_REQUEST_WORDS) {
            throw invalid("words", words.size() + " words; a request may carry at most "
                    + UtterancePlanner.MAX_REQUEST_WORDS);
        }
        List<UserDictWord> out = new ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            WordJson w = words.get(i);
            if (w == null) {
                throw invalid("words[" + i + "]", "word " + i + " is null");
            }
            if (w.accentType() == null) {
                throw invalid("words[" + i + "].accent_type", "word " + i + ": accent_type is required");
            }
            try {
                out.add(word(w.surface(), w.pronunciation(), w.accentType(), w.wordType(), w.priority()));
            } catch (UserDictException e) {
                throw invalid("words[" + i + "]." + e.field(), "word " + i + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** VOICEVOX's word creation from its query parameters (SBV2's defaults for type and priority). */
    public static UserDictWord word(String surface, String pronunciation, int accentType, String wordType,
                             Integer priority) {
        return UserDictWord.create(surface, pronunciation, accentType, WordType.parse(wordType), priority);
    }
}
