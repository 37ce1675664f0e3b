package dev.luna.tts.text.g2p;

import dev.luna.tts.text.accent.Mora;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SBV2's katakana mora → (consonant, vowel) table (nlp/japanese/mora_list.py: the minimum list
 * plus the additional one). ン is the vowel N, ッ the vowel q, デェ is deliberately absent.
 */
public final class MoraTable {

    /** "kana consonant vowel" or "kana vowel". */
    private static final String DATA = """
            ヴォ v o|ヴェ v e|ヴィ v i|ヴァ v a|ヴ v u|ン N|ワ w a|ロ r o|レ r e|ル r u|リョ ry o|リュ ry u|\
            リャ ry a|リェ ry e|リ r i|ラ r a|ヨ y o|ユ y u|ヤ y a|モ m o|メ m e|ム m u|ミョ my o|ミュ my u|\
            ミャ my a|ミェ my e|ミ m i|マ m a|ポ p o|ボ b o|ホ h o|ペ p e|ベ b e|ヘ h e|プ p u|ブ b u|\
            フォ f o|フェ f e|フィ f i|ファ f a|フ f u|ピョ py o|ピュ py u|ピャ py a|ピェ py e|ピ p i|\
            ビョ by o|ビュ by u|ビャ by a|ビェ by e|ビ b i|ヒョ hy o|ヒュ hy u|ヒャ hy a|ヒェ hy e|ヒ h i|\
            パ p a|バ b a|ハ h a|ノ n o|ネ n e|ヌ n u|ニョ ny o|ニュ ny u|ニャ ny a|ニェ ny e|ニ n i|ナ n a|\
            ドゥ d u|ド d o|トゥ t u|ト t o|デョ dy o|デュ dy u|デャ dy a|ディ d i|デ d e|テョ ty o|\
            テュ ty u|テャ ty a|ティ t i|テ t e|ツォ ts o|ツェ ts e|ツィ ts i|ツァ ts a|ツ ts u|ッ q|\
            チョ ch o|チュ ch u|チャ ch a|チェ ch e|チ ch i|ダ d a|タ t a|ゾ z o|ソ s o|ゼ z e|セ s e|\
            ズィ z i|ズ z u|スィ s i|ス s u|ジョ j o|ジュ j u|ジャ j a|ジェ j e|ジ j i|ショ sh o|シュ sh u|\
            シャ sh a|シェ sh e|シ sh i|ザ z a|サ s a|ゴ g o|コ k o|ゲ g e|ケ k e|グヮ gw a|グ g u|\
            クヮ kw a|ク k u|ギョ gy o|ギュ gy u|ギャ gy a|ギェ gy e|ギ g i|キョ ky o|キュ ky u|キャ ky a|\
            キェ ky e|キ k i|ガ g a|カ k a|オ o|エ e|ウォ w o|ウェ w e|ウィ w i|ウ u|イェ y e|イ i|ア a|\
            ヴョ by o|ヴュ by u|ヴャ by a|ヲ o|ヱ e|ヰ i|ヮ w a|ョ y o|ュ y u|ヅ z u|ヂ j i|ヶ k e|ャ y a|\
            ォ o|ェ e|ゥ u|ィ i|ァ a""";

    /** One mora: its kana, consonant (null for a bare vowel) and vowel. */
    public record Mora(String kana, String consonant, String vowel) {
    }

    /** The table in SBV2's order (where several kana share phonemes, the common spelling comes first). */
    public static final List<Mora> MORAS;

    /** kana → its phonemes joined the way SBV2's substitution writes them: " c v" or " v". */
    private static final Map<String, String> SPACED = new HashMap<>();

    static {
        List<Mora> moras = new ArrayList<>();
        for (String entry : DATA.strip().split("\\|")) {
            String[] f = entry.strip().split(" ");
            Mora m = f.length == 3 ? new Mora(f[0], f[1], f[2]) : new Mora(f[0], null, f[1]);
            moras.add(m);
            SPACED.put(m.kana(), m.consonant() == null ? " " + m.vowel() : " " + m.consonant() + " " + m.vowel());
        }
        MORAS = List.copyOf(moras);
    }

    private MoraTable() {
    }

    /** " c v" / " v" for a mora, or null. */
    static String spaced(String kana) {
        return SPACED.get(kana);
    }

    static int size() {
        return SPACED.size();
    }
}
