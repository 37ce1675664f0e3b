package dev.luna.tts.text.userdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.luna.tts.text.jtalk.dictionary.TestDictionaries;
import dev.luna.tts.text.jtalk.lattice.MecabTokenizer;
import dev.luna.tts.text.jtalk.lattice.UserLexicon;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory user lexicon: Darts' common-prefix search order and mecab-dict-index's entry order. */
class CompiledLexiconTest {

    static MecabCsv.Row row(String surface, int cost) {
        return new MecabCsv.Row(surface, 1345, 1345, cost, "f" + surface + cost);
    }

    /** "key:features" of every match at the start of {@code text}, as the tokenizer would add them. */
    static List<String> matches(UserLexicon lexicon, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int[] first = new int[512];
        int[] count = new int[512];
        int[] length = new int[512];
        int n = lexicon.commonPrefixSearch(b, 0, b.length, first, count, length);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder(new String(b, 0, length[i], StandardCharsets.UTF_8)).append(':');
            for (int j = 0; j < count[i]; j++) {
                sb.append(j == 0 ? "" : "|").append(lexicon.feature(first[i] + j));
            }
            out.add(sb.toString());
        }
        return out;
    }

    @Test
    void prefixesShortestFirstEqualSurfacesInRowOrder() {
        CompiledLexicon lexicon = new CompiledLexicon(List.of(row("あいう", 1), row("い", 2), row("あ", 3),
                row("あい", 4), row("あ", 5), row("あいうえお", 6), row("あう", 7), row("あ", 8)));
        assertEquals(List.of("あ:fあ3|fあ5|fあ8", "あい:fあい4", "あいう:fあいう1"), matches(lexicon, "あいうえ"));
        assertEquals(List.of("あ:fあ3|fあ5|fあ8", "あい:fあい4", "あいう:fあいう1", "あいうえお:fあいうえお6"),
                matches(lexicon, "あいうえおか"));
        assertEquals(List.of("い:fい2"), matches(lexicon, "いあ"));
        assertEquals(List.of(), matches(lexicon, "う"));
        assertEquals(List.of(), matches(CompiledLexicon.EMPTY, "あ"));
        assertEquals(1345, lexicon.maxContextId());
    }

    @Test
    void costsAreMecabsSixteenBits() {
        assertEquals(-1, new CompiledLexicon(List.of(row("あ", 65535))).wordCost(0));
    }

    @Test
    void contextIdsBeyondTheMatrixAreRefused() {
        MecabTokenizer tokenizer = new MecabTokenizer(TestDictionaries.naistJdic());
        CompiledLexicon lexicon = new CompiledLexicon(List.of(new MecabCsv.Row("あ", 60000, 1, 0, "x")));
        assertThrows(IllegalArgumentException.class, () -> tokenizer.parse("あ", List.of(lexicon)));
    }
}
