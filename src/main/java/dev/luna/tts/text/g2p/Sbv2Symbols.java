package dev.luna.tts.text.g2p;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * SBV2's symbol table (nlp/symbols.py): {@code _}, then the sorted union of the Chinese,
 * Japanese and English phoneme sets, then the punctuation symbols, SP and UNK — 112 symbols.
 */
public final class Sbv2Symbols {

    /** The punctuation symbols, in SBV2's PUNCTUATIONS order. */
    public static final List<String> PUNCTUATIONS = List.of("!", "?", "…", ",", ".", "'", "-");
    public static final int JP_TONE_START = 6;
    public static final int JP_LANGUAGE_ID = 1;

    private static final String ZH = "E En a ai an ang ao b c ch d e ei en eng er f g h i i0 ia ian iang iao ie in "
            + "ing iong ir iu j k l m n o ong ou p q r s sh t u ua uai uan uang ui un uo v van ve vn w x y z zh AA EE OO";
    private static final String JP = "N a a: b by ch d dy e e: f g gy h hy i i: j k ky m my n ny o o: p py q r ry "
            + "s sh t ts ty u u: w y z zy";
    private static final String EN = "aa ae ah ao aw ay b ch d dh eh er ey f g hh ih iy jh k l m n ng ow oy p r s "
            + "sh t th uh uw V w y z zh";

    private static final List<String> SYMBOLS;
    private static final Map<String, Integer> IDS = new HashMap<>();

    static {
        // Java's String order equals Python's code point order for these ASCII symbols
        TreeSet<String> normal = new TreeSet<>();
        for (String group : List.of(ZH, JP, EN)) {
            Collections.addAll(normal, group.split(" "));
        }
        List<String> all = new ArrayList<>();
        all.add("_");
        all.addAll(normal);
        all.addAll(PUNCTUATIONS);
        all.add("SP");
        all.add("UNK");
        SYMBOLS = List.copyOf(all);
        for (int i = 0; i < SYMBOLS.size(); i++) {
            IDS.put(SYMBOLS.get(i), i);
        }
    }

    private Sbv2Symbols() {
    }

    public static List<String> symbols() {
        return SYMBOLS;
    }

    /** The id of a symbol, or -1 when SBV2's table has no such symbol. */
    public static int id(String symbol) {
        return IDS.getOrDefault(symbol, -1);
    }

    public static boolean isPunctuation(String s) {
        return PUNCTUATIONS.contains(s);
    }
}
