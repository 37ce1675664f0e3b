package dev.luna.tts.text.userdict;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SBV2 2.7's {@code user_dict.json} (VOICEVOX's save format): an object keyed by word UUID whose values are
 * the word's fields with {@code cost} instead of {@code priority}, written as Python's
 * {@code json.dumps(..., ensure_ascii=False)} writes it, so SBV2 and this service read each other's files.
 */
public final class UserDictJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UserDictJson() {
    }

    /**
     * SBV2's {@code _write_to_json}: {@code model_dump()} field order, {@code priority} dropped and
     * {@code cost} (from the priority) appended; separators {@code ", "} and {@code ": "}, no newline.
     */
    public static String write(Map<String, UserDictWord> words) {
        return dump(words, false, ", ", ": ");
    }

    /**
     * The dictionary as SBV2's {@code GET /user_dict} answers it: {@code read_dict()}'s words with
     * {@code priority} (pydantic field order: surface, priority, context_id, …), as Starlette's
     * JSONResponse writes JSON (no spaces, non-ASCII kept). Also the body {@link #readImport} accepts.
     */
    public static String writeApi(Map<String, UserDictWord> words) {
        return dump(words, true, ",", ":");
    }

    private static String dump(Map<String, UserDictWord> words, boolean api, String comma, String colon) {
        StringBuilder sb = new StringBuilder("{");
        boolean firstWord = true;
        for (Map.Entry<String, UserDictWord> e : words.entrySet()) {
            UserDictWord w = e.getValue();
            if (!firstWord) {
                sb.append(comma);
            }
            firstWord = false;
            string(sb, e.getKey());
            sb.append(colon).append('{');
            Field f = new Field(sb, comma, colon);
            f.string("surface", w.surface());
            if (api) {
                f.number("priority", w.priority());
            }
            f.number("context_id", w.contextId());
            f.string("part_of_speech", w.partOfSpeech());
            f.string("part_of_speech_detail_1", w.partOfSpeechDetail1());
            f.string("part_of_speech_detail_2", w.partOfSpeechDetail2());
            f.string("part_of_speech_detail_3", w.partOfSpeechDetail3());
            f.string("inflectional_type", w.inflectionalType());
            f.string("inflectional_form", w.inflectionalForm());
            f.string("stem", w.stem());
            f.string("yomi", w.yomi());
            f.string("pronunciation", w.pronunciation());
            f.number("accent_type", w.accentType());
            f.number("mora_count", w.moraCount());
            f.string("accent_associative_rule", w.accentAssociativeRule());
            if (!api) {
                f.number("cost", w.cost());
            }
            sb.append('}');
        }
        return sb.append('}').toString();
    }

    /** Writes one object's fields with the given separators. */
    private static final class Field {
        private final StringBuilder sb;
        private final String comma;
        private final String colon;
        private boolean first = true;

        Field(StringBuilder sb, String comma, String colon) {
            this.sb = sb;
            this.comma = comma;
            this.colon = colon;
        }

        private void name(String name) {
            if (!first) {
                sb.append(comma);
            }
            first = false;
            UserDictJson.string(sb, name);
            sb.append(colon);
        }

        void string(String name, String value) {
            name(name);
            UserDictJson.string(sb, value);
        }

        void number(String name, int value) {
            name(name);
            sb.append(value);
        }
    }

    /**
     * SBV2's {@code read_dict}: each value needs {@code cost} (turned into the nearest priority) and may lack
     * {@code context_id} (dictionaries before VOICEVOX 0.12: PROPER_NOUN's 1348); keys are normalized as
     * {@code str(UUID(key))}. Errors name the offending word and field.
     */
    public static Map<String, UserDictWord> readSaved(String json) {
        return read(json, false);
    }

    /**
     * The body of SBV2's / VOICEVOX's {@code import_user_dict}: words keyed by UUID with {@code priority}
     * (API form); a word with {@code cost} and no priority (the saved file) is read as {@link #readSaved}
     * does, so a {@code user_dict.json} can be imported as it is. Each word's part of speech must be its
     * context id's (the import's validation).
     */
    public static Map<String, UserDictWord> readImport(String json) {
        Map<String, UserDictWord> words = read(json, true);
        for (UserDictWord w : words.values()) {
            checkPartOfSpeech(w, "part_of_speech");
        }
        return words;
    }

    /** import_user_dict's checks: the context id's part of speech and one of its accent association rules. */
    static void checkPartOfSpeech(UserDictWord w, String field) {
        WordType type = w.wordType();
        if (!type.partOfSpeech().equals(w.partOfSpeech())
                || !type.partOfSpeechDetail1().equals(w.partOfSpeechDetail1())
                || !type.partOfSpeechDetail2().equals(w.partOfSpeechDetail2())
                || !type.partOfSpeechDetail3().equals(w.partOfSpeechDetail3())) {
            throw new UserDictException(field, "part of speech " + w.partOfSpeech() + "," + w.partOfSpeechDetail1() + ","
                    + w.partOfSpeechDetail2() + "," + w.partOfSpeechDetail3() + " does not belong to context id "
                    + w.contextId() + " (" + type + ": " + type.partOfSpeech() + "," + type.partOfSpeechDetail1() + ","
                    + type.partOfSpeechDetail2() + "," + type.partOfSpeechDetail3() + ")");
        }
        if (!type.accentAssociativeRules().contains(w.accentAssociativeRule())) {
            throw new UserDictException("accent_associative_rule", "accent associative rule '"
                    + w.accentAssociativeRule() + "' is not allowed for " + type + " " + type.accentAssociativeRules());
        }
    }

    private static Map<String, UserDictWord> read(String json, boolean priorityAllowed) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UserDictException("user_dict", "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new UserDictException("user_dict", "must be a JSON object keyed by word UUID");
        }
        Map<String, UserDictWord> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String uuid = normalizeUuid(e.getKey());
            try {
                out.put(uuid, word(e.getValue(), priorityAllowed));
            } catch (UserDictException ex) {
                throw new UserDictException(ex.field(), "word " + e.getKey() + ": " + ex.getMessage(), ex);
            }
        }
        return out;
    }

    private static UserDictWord word(JsonNode n, boolean priorityAllowed) {
        if (!n.isObject()) {
            throw new UserDictException("user_dict", "a word must be a JSON object");
        }
        JsonNode contextNode = n.get("context_id");
        int contextId = contextNode == null || contextNode.isNull()
                ? WordType.PROPER_NOUN.contextId() : integer(n, "context_id");
        int priority;
        if (priorityAllowed && n.hasNonNull("priority")) {
            priority = integer(n, "priority");
        } else {
            if (!n.hasNonNull("cost")) {
                throw new UserDictException(priorityAllowed ? "priority" : "cost", "missing");
            }
            int cost = integer(n, "cost");
            if (cost < Short.MIN_VALUE || cost > Short.MAX_VALUE) {
                // SBV2's _cost2priority asserts MeCab's 16-bit cost range
                throw new UserDictException("cost", "cost must be between -32768 and 32767, got " + cost);
            }
            priority = WordType.ofContextId(contextId, "context_id").priority(cost);
        }
        JsonNode mora = n.get("mora_count");
        return UserDictWord.of(string(n, "surface"), priority, contextId, string(n, "part_of_speech"),
                string(n, "part_of_speech_detail_1"), string(n, "part_of_speech_detail_2"),
                string(n, "part_of_speech_detail_3"), string(n, "inflectional_type"), string(n, "inflectional_form"),
                string(n, "stem"), string(n, "yomi"), string(n, "pronunciation"), integer(n, "accent_type"),
                mora == null || mora.isNull() ? null : integer(n, "mora_count"), string(n, "accent_associative_rule"));
    }

    private static String string(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new UserDictException(field, "missing");
        }
        if (!v.isTextual()) {
            throw new UserDictException(field, "must be a string");
        }
        return v.textValue();
    }

    private static int integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new UserDictException(field, "missing");
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new UserDictException(field, "must be an integer, got " + v);
        }
        return v.intValue();
    }

    /** Python's {@code str(UUID(s))}: braces, {@code urn:uuid:} and hyphens are optional, output lower case. */
    public static String normalizeUuid(String s) {
        String hex = s.strip();
        if (hex.startsWith("urn:")) {
            hex = hex.substring(4);
        }
        if (hex.startsWith("uuid:")) {
            hex = hex.substring(5);
        }
        if (hex.startsWith("{") && hex.endsWith("}")) {
            hex = hex.substring(1, hex.length() - 1);
        }
        hex = hex.replace("-", "");
        if (!hex.matches("[0-9a-fA-F]{32}")) {
            throw new UserDictException("word_uuid", "'" + s + "' is not a UUID");
        }
        hex = hex.toLowerCase(java.util.Locale.ROOT);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    /** Python json's string encoding with ensure_ascii=False. */
    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
