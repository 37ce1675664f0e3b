package dev.luna.tts.text.userdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.luna.tts.text.G2pResult;
import dev.luna.tts.text.jtalk.JapaneseFrontend;
import dev.luna.tts.text.jtalk.NjdFeature;
import dev.luna.tts.text.jtalk.OpenJTalk;
import dev.luna.tts.text.jtalk.dictionary.TestDictionaries;
import dev.luna.tts.text.jtalk.lattice.MecabTokenizer;
import dev.luna.tts.text.jtalk.lattice.Morpheme;
import dev.luna.tts.text.jtalk.njd.Njd;
import dev.luna.tts.text.g2p.Sbv2G2p;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The user dictionary against the real programs: rows and user_dict.json against SBV2 2.7.0's own user_dict
 * code, the MeCab stage against Debian's {@code mecab -u} on rows compiled by {@code mecab-dict-index}, and
 * the front end against Debian's open_jtalk on a sys.dic rebuilt with the rows (goldens made by
 * {@code src/test/oracle/mecab/make-userdict-goldens.sh}).
 */
class UserDictGoldenTest {

    @Test
    void rowsAreSbv2s() {
        for (String dictionary : List.of("global", "request")) {
            List<String> want = List.of(UserDictGoldens.text(dictionary + "/rows.csv").split("\n"));
            List<String> got = UserDictGoldens.created(dictionary).stream().map(UserDictWord::toCsvRow).toList();
            assertEquals(want, got, dictionary);
        }
    }

    @Test
    void readsAndWritesSbv2sUserDictJson() {
        for (String dictionary : List.of("global", "request")) {
            String file = UserDictGoldens.text(dictionary + "/user_dict.json");
            Map<String, UserDictWord> read = UserDictJson.readSaved(file);
            // cost → priority (SBV2's _cost2priority) gives back the words as created, in file order
            assertEquals(UserDictGoldens.created(dictionary), List.copyOf(read.values()), dictionary);
            assertEquals(file, UserDictJson.write(read), dictionary + ": byte-identical to SBV2's json.dumps");
            assertEquals(UserDictGoldens.text(dictionary + "/rows.csv"), UserDictionary.of(read).csv().stripTrailing()
                    + (UserDictGoldens.text(dictionary + "/rows.csv").endsWith("\n") ? "\n" : ""));
        }
    }

    @Test
    void mecabStageEqualsMecabWithUserDictionaries() {
        List<JsonNode> rows = UserDictGoldens.jsonl("mecab.jsonl");
        assertTrue(rows.size() >= 1500, "goldens: " + rows.size());
        MecabTokenizer tokenizer = new MecabTokenizer(TestDictionaries.naistJdic());
        Map<String, UserWords> words = words();
        Set<String> userFeatures = new java.util.HashSet<>();
        for (String dictionary : List.of("global", "request")) {
            for (String row : UserDictGoldens.text(dictionary + "/rows.csv").split("\n")) {
                userFeatures.add(row.split(",", 5)[4]);
            }
        }
        List<String> failures = new ArrayList<>();
        int userMorphemes = 0;
        for (JsonNode r : rows) {
            List<Morpheme> want = new ArrayList<>();
            for (JsonNode m : r.get("morphemes")) {
                want.add(new Morpheme(m.get(0).asText(), m.get(1).asText()));
            }
            String input = r.get("input").asText();
            List<Morpheme> got = tokenizer.parse(input, words.get(r.get("dics").asText()).lexicons());
            if (!want.equals(got)) {
                failures.add(r.get("dics").asText() + " " + input + "\n  want " + want + "\n  got  " + got);
            }
            userMorphemes += (int) want.stream().filter(m -> userFeatures.contains(m.feature())).count();
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + rows.size() + " differ:\n"
                + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
        assertTrue(userMorphemes > 1000, "the goldens' best paths use user words: " + userMorphemes);
    }

    @Test
    void userWordsWinAndLoseAsInMecab() {
        // priority 10 beats naist-jdic's 東京, priority 0 loses against 大阪; both as mecab -u decided
        JsonNode r = UserDictGoldens.jsonl("mecab.jsonl").stream()
                .filter(n -> n.get("dics").asText().equals("global") && n.get("input").asText().equals("東京と大阪と京都。"))
                .findFirst().orElseThrow();
        assertEquals("名詞,固有名詞,一般,*,*,*,*,トウケイ,トウケイ,0/4,*", r.get("morphemes").get(0).get(1).asText());
        assertEquals("オオサカ", r.get("morphemes").get(2).get(1).asText().split(",")[7]);
    }

    @Test
    void frontendEqualsOpenJTalkWithTheRows() {
        List<JsonNode> rows = UserDictGoldens.jsonl("openjtalk.jsonl.gz");
        assertTrue(rows.size() >= 300, "goldens: " + rows.size());
        OpenJTalk jtalk = new OpenJTalk(TestDictionaries.naistJdic());
        Map<String, UserWords> words = words();
        List<String> failures = new ArrayList<>();
        int g2pChecked = 0;
        for (JsonNode r : rows) {
            String text = r.get("text").asText();
            UserWords w = words.get(r.get("dics").asText());
            List<String> wantFeatures = UserDictGoldens.strings(r.get("features"));
            List<String> wantLabels = UserDictGoldens.strings(r.get("labels"));
            List<NjdFeature> features = jtalk.runFrontend(text, w);
            List<String> gotFeatures = features.stream().map(Njd::format).toList();
            List<String> gotLabels = jtalk.makeLabels(features);
            boolean noOracle = wantFeatures.isEmpty() && wantLabels.isEmpty();
            if (!(noOracle || wantFeatures.equals(gotFeatures)) || !wantLabels.equals(gotLabels)) {
                failures.add(r.get("dics").asText() + " " + text + "\n  want " + wantFeatures + "\n  got  " + gotFeatures);
                continue;
            }
            if (noOracle) {
                continue;
            }
            // SBV2's g2p on open_jtalk's own output (replayed) against the whole Java text layer with user words
            G2pResult want = new Sbv2G2p(new Replay(wantFeatures, wantLabels)).g2p(text);
            G2pResult got = new Sbv2G2p(jtalk).g2p(text, w);
            if (!want.equals(got)) {
                failures.add("g2p " + r.get("dics").asText() + " " + text + "\n  want " + want + "\n  got  " + got);
            }
            g2pChecked++;
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + rows.size() + " differ:\n"
                + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
        assertTrue(g2pChecked >= 300, "g2p checked: " + g2pChecked);
    }

    @Test
    void goldensCoverEveryWordTypeAndPriority() {
        Set<String> seen = UserDictGoldens.created("global").stream()
                .map(w -> w.wordType() + "/" + w.priority()).collect(Collectors.toSet());
        for (WordType type : WordType.values()) {
            for (int p : new int[] {0, 5, 10}) {
                assertTrue(seen.contains(type + "/" + p), type + " priority " + p);
            }
        }
    }

    private static Map<String, UserWords> words() {
        return Map.of("global", UserDictGoldens.words("global"), "request", UserDictGoldens.words("request"),
                "global+request", UserDictGoldens.words("global+request"));
    }

    /** open_jtalk's features and labels for one text, replayed. */
    private record Replay(List<String> features, List<String> labels) implements JapaneseFrontend {

        @Override
        public List<NjdFeature> runFrontend(String text) {
            return features.stream().map(Replay::feature).toList();
        }

        @Override
        public List<String> makeLabels(List<NjdFeature> f) {
            return labels;
        }

        private static NjdFeature feature(String csv) {
            String[] f = csv.split(",", -1);
            String[] accMora = f[10].split("/");
            return new NjdFeature(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9],
                    Integer.parseInt(accMora[0]), Integer.parseInt(accMora[1]), f[11], Integer.parseInt(f[12]));
        }
    }
}
