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
        StringBuilder sb = new StringBuilder("{");
        boolean firstWord = true;
        for (Map.Entry<String, UserDictWord> e : words.entrySet()) {
            UserDictWord w = e.getValue();
            if (!firstWord) {
                sb.append(", ");
            }
            firstWord = false;
            string(sb, e.getKey());
            sb.append(": {");
            field(sb, "surface", w.surface(), true);
            number(sb, "context_id", w.contextId());
            field(sb, "part_of_speech", w.partOfSpeech(), false);
            field(sb, "part_of_speech_detail_1", w.partOfSpeechDetail1(), false);
            field(sb, "part_of_speech_detail_2", w.partOfSpeechDetail2(), false);
            field(sb, "part_of_speech_detail_3", w.partOfSpeechDetail3(), false);
            field(sb, "inflectional_type", w.inflectionalType(), false);
            field(sb, "inflectional_form", w.inflectionalForm(), false);
            field(sb, "stem", w.stem(), false);
            field(sb, "yomi", w.yomi(), false);
            field(sb, "pronunciation", w.pronunciation(), false);
            number(sb, "accent_type", w.accentType());
            number(sb, "mora_count", w.moraCount());
            field(sb, "accent_associative_rule", w.accentAssociativeRule(), false);
            number(sb, "cost", w.cost());
            sb.append('}');
        }
        return sb.append('}').toString();
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

    private static void field(StringBuilder sb, String name, String value, boolean first) {
        if (!first) {
            sb.append(", ");
        }
        string(sb, name);
        sb.append(": ");
        string(sb, value);
    }

    private static void number(StringBuilder sb, String name, int value) {
        sb.append(", ");
        string(sb, name);
        sb.append(": ").append(value);
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
