package dev.luna.tts.text.userdict;

import static dev.luna.tts.text.userdict.UserDictWordTest.assertField;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** user_dict.json (SBV2's read_dict / _write_to_json), the import body, and MeCab CSV rows. */
class UserDictJsonTest {

    static final String UUID1 = "0b4e9a53-6b0c-4ec2-9b4c-0d6cfa0f6e4a";

    @Test
    void writesPythonJsonDumps() {
        Map<String, UserDictWord> m = new LinkedHashMap<>();
        m.put(UUID1, UserDictWord.create("a\"b\\", "エー", 1, WordType.COMMON_NOUN, 7));
        assertEquals("{\"" + UUID1 + "\": {\"surface\": \"ａ＂ｂ＼\", \"context_id\": 1345, \"part_of_speech\": \"名詞\", "
                + "\"part_of_speech_detail_1\": \"一般\", \"part_of_speech_detail_2\": \"*\", "
                + "\"part_of_speech_detail_3\": \"*\", \"inflectional_type\": \"*\", \"inflectional_form\": \"*\", "
                + "\"stem\": \"*\", \"yomi\": \"エー\", \"pronunciation\": \"エー\", \"accent_type\": 1, "
                + "\"mora_count\": 2, \"accent_associative_rule\": \"*\", \"cost\": 2897}}", UserDictJson.write(m));
        assertEquals("{}", UserDictJson.write(Map.of()));
    }

    @Test
    void writesTheApiFormAndImportsItBack() {
        Map<String, UserDictWord> m = new LinkedHashMap<>();
        m.put(UUID1, UserDictWord.create("月", "ツキ", 2, WordType.SUFFIX, 0));
        String api = UserDictJson.writeApi(m);
        assertEquals("{\"" + UUID1 + "\":{\"surface\":\"月\",\"priority\":0,\"context_id\":1358,"
                + "\"part_of_speech\":\"名詞\",\"part_of_speech_detail_1\":\"接尾\",\"part_of_speech_detail_2\":\"一般\","
                + "\"part_of_speech_detail_3\":\"*\",\"inflectional_type\":\"*\",\"inflectional_form\":\"*\","
                + "\"stem\":\"*\",\"yomi\":\"ツキ\",\"pronunciation\":\"ツキ\",\"accent_type\":2,\"mora_count\":2,"
                + "\"accent_associative_rule\":\"*\"}}", api);
        assertEquals(m, UserDictJson.readImport(api));
    }

    @Test
    void readsOldFilesWithoutContextIdAsProperNouns() {
        String json = "{\"" + UUID1.toUpperCase() + "\": {\"surface\": \"月\", \"part_of_speech\": \"名詞\","
                + "\"part_of_speech_detail_1\": \"固有名詞\", \"part_of_speech_detail_2\": \"一般\","
                + "\"part_of_speech_detail_3\": \"*\", \"inflectional_type\": \"*\", \"inflectional_form\": \"*\","
                + "\"stem\": \"*\", \"yomi\": \"ツキ\", \"pronunciation\": \"ツキ\", \"accent_type\": 2,"
                + "\"accent_associative_rule\": \"*\", \"cost\": 8700}}";
        Map<String, UserDictWord> words = UserDictJson.readSaved(json);
        assertEquals(List.of(UUID1), List.copyOf(words.keySet())); // str(UUID(key))
        UserDictWord w = words.get(UUID1);
        assertEquals(1348, w.contextId());
        assertEquals(4, w.priority()); // 8700 is nearest to 8734
        assertEquals(2, w.moraCount());
        assertEquals("月,1348,1348,8734,名詞,固有名詞,一般,*,*,*,*,ツキ,ツキ,2/2,*", w.toCsvRow());
    }

    @Test
    void importTakesPriorityOrCostAndChecksThePartOfSpeech() {
        String word = "\"surface\": \"月\", \"context_id\": 642, \"part_of_speech\": \"動詞\","
                + "\"part_of_speech_detail_1\": \"自立\", \"part_of_speech_detail_2\": \"*\","
                + "\"part_of_speech_detail_3\": \"*\", \"inflectional_type\": \"*\", \"inflectional_form\": \"*\","
                + "\"stem\": \"*\", \"yomi\": \"ツキ\", \"pronunciation\": \"ツキ\", \"accent_type\": 0,"
                + "\"accent_associative_rule\": \"*\"";
        assertEquals(2, UserDictJson.readImport("{\"{" + UUID1 + "}\": {" + word + ", \"priority\": 2}}")
                .get(UUID1).priority());
        assertEquals(10, UserDictJson.readImport("{\"" + UUID1.replace("-", "") + "\": {" + word + ", \"cost\": 0}}")
                .get(UUID1).priority());
        assertField("part_of_speech", () -> UserDictJson.readImport("{\"" + UUID1 + "\": {"
                + word.replace("自立", "非自立") + ", \"priority\": 2}}"));
        assertField("accent_associative_rule", () -> UserDictJson.readImport("{\"" + UUID1 + "\": {"
                + word.replace("\"accent_associative_rule\": \"*\"", "\"accent_associative_rule\": \"C1\"")
                + ", \"priority\": 2}}"));
        assertField("priority", () -> UserDictJson.readImport("{\"" + UUID1 + "\": {" + word + "}}"));
        assertField("priority", () -> UserDictJson.readImport("{\"" + UUID1 + "\": {" + word + ", \"priority\": 11}}"));
        assertField("accent_type", () -> UserDictJson.readImport("{\"" + UUID1 + "\": {"
                + word.replace("\"accent_type\": 0", "\"accent_type\": \"0\"") + ", \"priority\": 2}}"));
        assertField("cost", () -> UserDictJson.readSaved("{\"" + UUID1 + "\": {" + word + ", \"cost\": 40000}}"));
        assertField("context_id", () -> UserDictJson.readSaved("{\"" + UUID1 + "\": {"
                + word.replace("642", "641") + ", \"cost\": 0}}"));
        assertField("word_uuid", () -> UserDictJson.readSaved("{\"word-1\": {" + word + ", \"cost\": 0}}"));
        assertField("user_dict", () -> UserDictJson.readSaved("[1]"));
        assertField("user_dict", () -> UserDictJson.readSaved("{\"a\": "));
        assertField("surface", () -> UserDictJson.readSaved("{\"" + UUID1 + "\": {"
                + word.replace("\"surface\": \"月\", ", "") + ", \"cost\": 0}}"));
    }

    @Test
    void importsMecabRows() {
        List<UserDictWord> words = MecabCsv.importRows(
                "担々麺,1348,1348,8609,名詞,固有名詞,一般,*,*,*,*,タンタンメン,タンタンメン,3/6,*\r\n"
                        + "\n"
                        + "\"ａ,ｂ\",1345,1345,100,名詞,一般,*,*,*,*,*,エービー,エービー,1/4,C1\n");
        assertEquals(2, words.size());
        assertEquals(UserDictWord.create("担々麺", "タンタンメン", 3, WordType.PROPER_NOUN, 5), words.get(0));
        assertEquals("ａ，ｂ", words.get(1).surface()); // SBV2 turns the ASCII comma full width
        assertEquals(9, words.get(1).priority()); // cost 100 is nearest to 49
        assertEquals("C1", words.get(1).accentAssociativeRule());
        assertField("row", () -> MecabCsv.importRows("月,1285,1285,100,名詞,一般,*,*,*,*,*,ツキ,ツキ,2/2,*"));
        assertField("row", () -> MecabCsv.importRows("月,1345,1348,100,名詞,一般,*,*,*,*,*,ツキ,ツキ,2/2,*"));
        assertField("row", () -> MecabCsv.importRows("月,,,,名詞,一般,*,*,*,*,*,ツキ,ツキ,2/2,*"));
        assertField("row", () -> MecabCsv.importRows("月,1345,1345,100,名詞,一般,*,*,*,*,*,ツキ,ツキ,2/2"));
        assertField("row", () -> MecabCsv.importRows("月,1345,1345"));
        assertField("row", () -> MecabCsv.importRows("月,1345,1345,100,名詞,一般,*,*,*,*,*,ツキ,ツキ,2,*"));
        assertField("row", () -> MecabCsv.importRows("月,1345,1345,100,名詞,固有名詞,*,*,*,*,*,ツキ,ツキ,2/2,*"));
        assertField("accent_type", () -> MecabCsv.importRows("月,1345,1345,100,名詞,一般,*,*,*,*,*,ツキ,ツキ,3/2,*"));
        assertField("pronunciation", () -> MecabCsv.importRows("月,1345,1345,100,名詞,一般,*,*,*,*,*,つき,つき,1/2,*"));
    }

    @Test
    void tokenizesCsvAsMecab() {
        assertEquals(List.of("a", "b", "c,d"), MecabCsv.tokenize(" a,\tb,c,d", 3));
        assertEquals(List.of("x\"y", "z"), MecabCsv.tokenize("\"x\"\"y\",z", 5));
        // MeCab does not cut a quoted last column: the bytes after the shifted text stay
        assertEquals(List.of("a", "ab\"cc\",x"), MecabCsv.tokenize("a,\"ab\"\"c\",x", 2));
        assertEquals(List.of("a"), MecabCsv.tokenize("a,", 5));
        assertEquals(-12, MecabCsv.atoi(" -12x"));
        assertEquals(0, MecabCsv.atoi("x"));
    }
}
