package dev.luna.tts.text.accent;

import java.util.HashMap;
import java.util.Map;

/**
 * SBV2's katakana mora table (mora_list.py, JP-Extra: ン = N, ッ = q) in both directions. Several kana share one
 * pronunciation (オ/ヲ, ジ/ヂ, ...): phonemes → kana gives the first, the common spelling.
 */
final class KanaMoras {

    /** (consonant or null, vowel). */
    record Phonemes(String consonant, String vowel) {
    }

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

    /** The phonemes that end a mora (SBV2's VOWELS plus ッ's q). */
    static final java.util.Set<String> MORA_FINAL = java.util.Set.of("a", "i", "u", "e", "o", "N", "q");

    private static final Map<String, Phonemes> BY_KANA = new HashMap<>();
    private static final Map<String, String> BY_PHONEMES = new HashMap<>();

    static {
        for (String entry : DATA.strip().split("\\|")) {
            String[] f = entry.strip().split(" ");
            Phonemes p = f.length == 3 ? new Phonemes(f[1], f[2]) : new Phonemes(null, f[1]);
            BY_KANA.put(f[0], p);
            BY_PHONEMES.putIfAbsent(key(p.consonant(), p.vowel()), f[0]);
        }
    }

    private KanaMoras() {
    }

    static Phonemes phonemes(String kana) {
        return BY_KANA.get(kana);
    }

    static String kana(String consonant, String vowel) {
        return BY_PHONEMES.get(key(consonant, vowel));
    }

    private static String key(String consonant, String vowel) {
        return (consonant == null ? "" : consonant) + " " + vowel;
    }
}
