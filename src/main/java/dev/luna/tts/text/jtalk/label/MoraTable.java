package dev.luna.tts.text.jtalk.label;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * JPCommon's katakana mora table (jpcommon_mora_list of OpenJTalk 1.11): a mora's kana, its first
 * phoneme and its optional second phoneme. Pronunciations are read by taking, at each position,
 * the first row (in this order, not the longest) whose kana is a prefix.
 */
final class MoraTable {

    /** One row: kana, first phoneme, second phoneme or null. */
    record Entry(String kana, String first, String second) {
    }

    private static final String[][] ROWS = {
        {"ヴョ", "by", "o"},
        {"ヴュ", "by", "u"},
        {"ヴャ", "by", "a"},
        {"ヴォ", "v", "o"},
        {"ヴェ", "v", "e"},
        {"ヴィ", "v", "i"},
        {"ヴァ", "v", "a"},
        {"ヴ", "v", "u"},
        {"ン", "N", null},
        {"ヲ", "o", null},
        {"ヱ", "e", null},
        {"ヰ", "i", null},
        {"ワ", "w", "a"},
        {"ヮ", "w", "a"},
        {"ロ", "r", "o"},
        {"レ", "r", "e"},
        {"ル", "r", "u"},
        {"リョ", "ry", "o"},
        {"リュ", "ry", "u"},
        {"リャ", "ry", "a"},
        {"リェ", "ry", "e"},
        {"リ", "r", "i"},
        {"ラ", "r", "a"},
        {"ヨ", "y", "o"},
        {"ョ", "y", "o"},
        {"ユ", "y", "u"},
        {"ュ", "y", "u"},
        {"ヤ", "y", "a"},
        {"ャ", "y", "a"},
        {"モ", "m", "o"},
        {"メ", "m", "e"},
        {"ム", "m", "u"},
        {"ミョ", "my", "o"},
        {"ミュ", "my", "u"},
        {"ミャ", "my", "a"},
        {"ミェ", "my", "e"},
        {"ミ", "m", "i"},
        {"マ", "m", "a"},
        {"ポ", "p", "o"},
        {"ボ", "b", "o"},
        {"ホ", "h", "o"},
        {"ペ", "p", "e"},
        {"ベ", "b", "e"},
        {"ヘ", "h", "e"},
        {"プ", "p", "u"},
        {"ブ", "b", "u"},
        {"フォ", "f", "o"},
        {"フェ", "f", "e"},
        {"フィ", "f", "i"},
        {"ファ", "f", "a"},
        {"フ", "f", "u"},
        {"ピョ", "py", "o"},
        {"ピュ", "py", "u"},
        {"ピャ", "py", "a"},
        {"ピェ", "py", "e"},
        {"ピ", "p", "i"},
        {"ビョ", "by", "o"},
        {"ビュ", "by", "u"},
        {"ビャ", "by", "a"},
        {"ビェ", "by", "e"},
        {"ビ", "b", "i"},
        {"ヒョ", "hy", "o"},
        {"ヒュ", "hy", "u"},
        {"ヒャ", "hy", "a"},
        {"ヒェ", "hy", "e"},
        {"ヒ", "h", "i"},
        {"パ", "p", "a"},
        {"バ", "b", "a"},
        {"ハ", "h", "a"},
        {"ノ", "n", "o"},
        {"ネ", "n", "e"},
        {"ヌ", "n", "u"},
        {"ニョ", "ny", "o"},
        {"ニュ", "ny", "u"},
        {"ニャ", "ny", "a"},
        {"ニェ", "ny", "e"},
        {"ニ", "n", "i"},
        {"ナ", "n", "a"},
        {"ドゥ", "d", "u"},
        {"ド", "d", "o"},
        {"トゥ", "t", "u"},
        {"ト", "t", "o"},
        {"デョ", "dy", "o"},
        {"デュ", "dy", "u"},
        {"デャ", "dy", "a"},
        {"ディ", "d", "i"},
        {"デ", "d", "e"},
        {"テョ", "ty", "o"},
        {"テュ", "ty", "u"},
        {"テャ", "ty", "a"},
        {"ティ", "t", "i"},
        {"テ", "t", "e"},
        {"ヅ", "z", "u"},
        {"ツォ", "ts", "o"},
        {"ツェ", "ts", "e"},
        {"ツィ", "ts", "i"},
        {"ツァ", "ts", "a"},
        {"ツ", "ts", "u"},
        {"ッ", "cl", null},
        {"ヂ", "j", "i"},
        {"チョ", "ch", "o"},
        {"チュ", "ch", "u"},
        {"チャ", "ch", "a"},
        {"チェ", "ch", "e"},
        {"チ", "ch", "i"},
        {"ダ", "d", "a"},
        {"タ", "t", "a"},
        {"ゾ", "z", "o"},
        {"ソ", "s", "o"},
        {"ゼ", "z", "e"},
        {"セ", "s", "e"},
        {"ズィ", "z", "i"},
        {"ズ", "z", "u"},
        {"スィ", "s", "i"},
        {"ス", "s", "u"},
        {"ジョ", "j", "o"},
        {"ジュ", "j", "u"},
        {"ジャ", "j", "a"},
        {"ジェ", "j", "e"},
        {"ジ", "j", "i"},
        {"ショ", "sh", "o"},
        {"シュ", "sh", "u"},
        {"シャ", "sh", "a"},
        {"シェ", "sh", "e"},
        {"シ", "sh", "i"},
        {"ザ", "z", "a"},
        {"サ", "s", "a"},
        {"ゴ", "g", "o"},
        {"コ", "k", "o"},
        {"ゲ", "g", "e"},
        {"ケ", "k", "e"},
        {"ヶ", "k", "e"},
        {"グヮ", "gw", "a"},
        {"グ", "g", "u"},
        {"クヮ", "kw", "a"},
        {"ク", "k", "u"},
        {"ギョ", "gy", "o"},
        {"ギュ", "gy", "u"},
        {"ギャ", "gy", "a"},
        {"ギェ", "gy", "e"},
        {"ギ", "g", "i"},
        {"キョ", "ky", "o"},
        {"キュ", "ky", "u"},
        {"キャ", "ky", "a"},
        {"キェ", "ky", "e"},
        {"キ", "k", "i"},
        {"ガ", "g", "a"},
        {"カ", "k", "a"},
        {"オ", "o", null},
        {"ォ", "o", null},
        {"エ", "e", null},
        {"ェ", "e", null},
        {"ウォ", "w", "o"},
        {"ウェ", "w", "e"},
        {"ウィ", "w", "i"},
        {"ウ", "u", null},
        {"ゥ", "u", null},
        {"イェ", "y", "e"},
        {"イ", "i", null},
        {"ィ", "i", null},
        {"ア", "a", null},
        {"ァ", "a", null},
    };

    /** Rows grouped by their first character, each group in table order. */
    private static final Map<Character, List<Entry>> BY_FIRST_CHAR = index();

    private MoraTable() {
    }

    /** The first row whose kana starts {@code pron} at {@code from}, or null. */
    static Entry match(String pron, int from) {
        if (from >= pron.length()) {
            return null;
        }
        List<Entry> candidates = BY_FIRST_CHAR.get(pron.charAt(from));
        if (candidates == null) {
            return null;
        }
        for (Entry e : candidates) {
            if (pron.startsWith(e.kana(), from)) {
                return e;
            }
        }
        return null;
    }

    private static Map<Character, List<Entry>> index() {
        Map<Character, List<Entry>> map = new HashMap<>();
        for (String[] row : ROWS) {
            map.computeIfAbsent(row[0].charAt(0), c -> new ArrayList<>())
                    .add(new Entry(row[0], row[1], row[2]));
        }
        Map<Character, List<Entry>> frozen = new HashMap<>();
        map.forEach((c, list) -> frozen.put(c, List.copyOf(list)));
        return Map.copyOf(frozen);
    }
}
