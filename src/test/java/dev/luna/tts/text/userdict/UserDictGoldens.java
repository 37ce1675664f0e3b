package dev.luna.tts.text.userdict;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The user-dictionary goldens in {@code src/test/resources/jtalk/userdict/}
 * ({@code src/test/oracle/mecab/make-userdict-goldens.sh}): the word specs, the files SBV2 2.7.0 wrote for
 * them, and Debian mecab's / open_jtalk's analyses with them.
 */
final class UserDictGoldens {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROOT = "/jtalk/userdict/";

    private UserDictGoldens() {
    }

    static String text(String name) {
        try (InputStream in = UserDictGoldens.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + ROOT + name);
            }
            byte[] bytes = name.endsWith(".gz") ? new GZIPInputStream(in).readAllBytes() : in.readAllBytes();
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> jsonl(String name) {
        List<JsonNode> out = new ArrayList<>();
        try {
            for (String line : text(name).split("\n")) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The word specs of one dictionary ("global" or "request") made with SBV2's {@code _create_word} rules. */
    static List<UserDictWord> created(String dictionary) {
        try {
            List<UserDictWord> words = new ArrayList<>();
            for (JsonNode w : JSON.readTree(text("words.json")).get(dictionary)) {
                words.add(UserDictWord.create(w.get("surface").asText(), w.get("pronunciation").asText(),
                        w.get("accent_type").asInt(), WordType.parse(w.get("word_type").asText()),
                        w.get("priority").asInt()));
            }
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The dictionaries of a golden's "dics" value: global (SBV2's saved file, read back) and/or request words. */
    static UserWords words(String dics) {
        UserDictionary global = UserDictionary.of(UserDictJson.readSaved(text("global/user_dict.json")));
        return switch (dics) {
            case "global" -> UserWords.of(global);
            case "request" -> UserWords.of(UserDictionary.EMPTY, created("request"));
            case "global+request" -> UserWords.of(global, created("request"));
            default -> throw new IllegalStateException("unknown dics " + dics);
        };
    }
}
