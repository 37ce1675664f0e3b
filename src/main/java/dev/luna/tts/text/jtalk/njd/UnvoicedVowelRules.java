package dev.luna.tts.text.jtalk.njd;

/**
 * Data of OpenJTalk 1.11's {@code njd_set_unvoiced_vowel_rule_utf_8.h}: devoicing candidates, the
 * moras that may follow them, and the mora list used to split a pronunciation (longest first).
 */
final class UnvoicedVowelRules {
    private UnvoicedVowelRules() {
    }

    static final String FILLER = "フィラー";
    static final String DOUSHI = "動詞";
    static final String JODOUSHI = "助動詞";
    static final String JOSHI = "助詞";
    static final String KANDOUSHI = "感動詞";
    static final String TOUTEN = "、";
    static final String QUESTION = "？";
    static final String QUOTATION = "’";
    static final String SHI = "シ";
    static final String MA = "マ";
    static final String DE = "デ";
    static final String CHOUON = "ー";
    static final String SU = "ス";
    static final String[] CANDIDATE_LIST1 = {
        "スィ", "ス",
    };
    static final String[] NEXT_MORA_LIST1 = {
        "カ", "キ", "ク", "ケ", "コ", "タ", "チ", "ツ", "テ", "ト", "ハ", "ヒ", "フ", "ヘ", "ホ", "パ", "ピ", "プ",
        "ペ", "ポ",
    };
    static final String[] CANDIDATE_LIST2 = {
        "フィ", "ヒ", "フ",
    };
    static final String[] NEXT_MORA_LIST2 = {
        "カ", "キ", "ク", "ケ", "コ", "サ", "シ", "ス", "セ", "ソ", "タ", "チ", "ツ", "テ", "ト", "パ", "ピ", "プ",
        "ペ", "ポ",
    };
    static final String[] CANDIDATE_LIST3 = {
        "キュ", "シュ", "チュ", "ツィ", "ヒュ", "ピュ", "テュ", "トゥ", "ティ", "キ", "ク", "シ", "チ", "ツ", "ピ", "プ",
    };
    static final String[] NEXT_MORA_LIST3 = {
        "カ", "キ", "ク", "ケ", "コ", "サ", "シ", "ス", "セ", "ソ", "タ", "チ", "ツ", "テ", "ト", "ハ", "ヒ", "フ",
        "ヘ", "ホ", "パ", "ピ", "プ", "ペ", "ポ",
    };
    static final String[] MORA_LIST = {
        "ヴョ", "ヴュ", "ヴャ", "ヴォ", "ヴェ", "ヴィ", "ヴァ", "ヴ", "ン", "ヲ", "ヱ", "ヰ", "ワ", "ロ", "レ", "ル",
        "リョ", "リュ", "リャ", "リェ", "リ", "ラ", "ヨ", "ョ", "ユ", "ュ", "ヤ", "ャ", "モ", "メ", "ム", "ミョ", "ミュ",
        "ミャ", "ミェ", "ミ", "マ", "ポ", "ボ", "ホ", "ペ", "ベ", "ヘ", "プ", "ブ", "フォ", "フェ", "フィ", "ファ", "フ",
        "ピョ", "ピュ", "ピャ", "ピェ", "ピ", "ビョ", "ビュ", "ビャ", "ビェ", "ビ", "ヒョ", "ヒュ", "ヒャ", "ヒェ", "ヒ",
        "パ", "バ", "ハ", "ノ", "ネ", "ヌ", "ニョ", "ニュ", "ニャ", "ニェ", "ニ", "ナ", "ドゥ", "ド", "トゥ", "ト",
        "デョ", "デュ", "デャ", "ディ", "デ", "テョ", "テュ", "テャ", "ティ", "テ", "ヅ", "ツォ", "ツェ", "ツィ", "ツァ",
        "ツ", "ッ", "ヂ", "チョ", "チュ", "チャ", "チェ", "チ", "ダ", "タ", "ゾ", "ソ", "ゼ", "セ", "ズィ", "ズ", "スィ",
        "ス", "ジョ", "ジュ", "ジャ", "ジェ", "ジ", "ショ", "シュ", "シャ", "シェ", "シ", "ザ", "サ", "ゴ", "コ", "ゲ",
        "ケ", "グ", "ク", "ギョ", "ギュ", "ギャ", "ギェ", "ギ", "キョ", "キュ", "キャ", "キェ", "キ", "ガ", "カ", "オ",
        "ォ", "エ", "ェ", "ウォ", "ウェ", "ウィ", "ウ", "ゥ", "イェ", "イ", "ィ", "ア", "ァ", "ー",
    };
}
