package dev.luna.tts.text.jtalk.label;

import java.util.HashMap;
import java.util.Map;

/**
 * OpenJTalk 1.11's njd2jpcommon: maps an NJD node's IPADIC part of speech, conjugation type and
 * conjugation form onto JPCommon's coarser names, then JPCommonLabelWord's label codes (the
 * numbers in the B/C/D fields). Both stages are composed into direct lookups here.
 */
final class NjdToJpCommon {

    // njd2jpcommon_pos_list: pos, group1, group2, group3 -> JPCommon POS (first match wins).
    private static final String[] NJD_POS = {
        "その他", "間投", "*", "*", "その他",
        "フィラー", "*", "*", "*", "感動詞",
        "感動詞", "*", "*", "*", "感動詞",
        "記号", "*", "*", "*", "記号",
        "記号", "アルファベット", "*", "*", "記号",
        "記号", "一般", "*", "*", "記号",
        "記号", "括弧開", "*", "*", "記号",
        "記号", "括弧閉", "*", "*", "記号",
        "記号", "句点", "*", "*", "記号",
        "記号", "空白", "*", "*", "記号",
        "記号", "数", "*", "*", "記号",
        "記号", "読点", "*", "*", "記号",
        "形容詞", "自立", "*", "*", "形容詞",
        "形容詞", "接尾", "*", "*", "接尾辞-形容詞的",
        "形容詞", "非自立", "*", "*", "形容詞",
        "助詞", "格助詞", "一般", "*", "助詞-格助詞",
        "助詞", "格助詞", "引用", "*", "助詞-格助詞",
        "助詞", "格助詞", "連語", "*", "助詞-格助詞",
        "助詞", "係助詞", "*", "*", "助詞-係助詞",
        "助詞", "終助詞", "*", "*", "助詞-終助詞",
        "助詞", "接続助詞", "*", "*", "助詞-接続助詞",
        "助詞", "特殊", "*", "*", "助詞-その他",
        "助詞", "副詞化", "*", "*", "助詞-その他",
        "助詞", "副助詞", "*", "*", "助詞-副助詞",
        "助詞", "副助詞／並立助詞／終助詞", "*", "*", "助詞-その他",
        "助詞", "並立助詞", "*", "*", "助詞-その他",
        "助詞", "連体化", "*", "*", "助詞-その他",
        "助動詞", "*", "*", "*", "助動詞",
        "接続詞", "*", "*", "*", "接続詞",
        "接頭詞", "形容詞接続", "*", "*", "接頭辞",
        "接頭詞", "数接続", "*", "*", "接頭辞",
        "接頭詞", "動詞接続", "*", "*", "接頭辞",
        "接頭詞", "名詞接続", "*", "*", "接頭辞",
        "動詞", "自立", "*", "*", "動詞",
        "動詞", "接尾", "*", "*", "接尾辞-動詞的",
        "動詞", "非自立", "*", "*", "動詞-非自立",
        "副詞", "*", "*", "*", "副詞",
        "副詞", "一般", "*", "*", "副詞",
        "副詞", "助詞類接続", "*", "*", "副詞",
        "名詞", "サ変接続", "*", "*", "名詞-サ変接続",
        "名詞", "ナイ形容詞語幹", "*", "*", "名詞-普通名詞",
        "名詞", "一般", "*", "*", "名詞-普通名詞",
        "名詞", "引用文字列", "*", "*", "名詞-普通名詞",
        "名詞", "形容動詞語幹", "*", "*", "形状詞",
        "名詞", "固有名詞", "一般", "*", "名詞-固有名詞",
        "名詞", "固有名詞", "人名", "一般", "名詞-固有名詞",
        "名詞", "固有名詞", "人名", "姓", "名詞-固有名詞",
        "名詞", "固有名詞", "人名", "名", "名詞-固有名詞",
        "名詞", "固有名詞", "組織", "*", "名詞-固有名詞",
        "名詞", "固有名詞", "地域", "一般", "名詞-固有名詞",
        "名詞", "固有名詞", "地域", "国", "名詞-固有名詞",
        "名詞", "数", "*", "*", "名詞-数詞",
        "名詞", "接続詞的", "*", "*", "名詞-普通名詞",
        "名詞", "接尾", "サ変接続", "*", "接尾辞-名詞的",
        "名詞", "接尾", "一般", "*", "接尾辞-名詞的",
        "名詞", "接尾", "形容動詞語幹", "*", "接尾辞-形状詞的",
        "名詞", "接尾", "助数詞", "*", "接尾辞-名詞的",
        "名詞", "接尾", "助動詞語幹", "*", "接尾辞-名詞的",
        "名詞", "接尾", "人名", "*", "接尾辞-名詞的",
        "名詞", "接尾", "地域", "*", "接尾辞-名詞的",
        "名詞", "接尾", "特殊", "*", "接尾辞-名詞的",
        "名詞", "接尾", "副詞可能", "*", "接尾辞-名詞的",
        "名詞", "代名詞", "一般", "*", "代名詞",
        "名詞", "代名詞", "縮約", "*", "代名詞",
        "名詞", "動詞非自立的", "*", "*", "名詞-普通名詞",
        "名詞", "特殊", "助動詞語幹", "*", "名詞-普通名詞",
        "名詞", "非自立", "一般", "*", "名詞-非自立",
        "名詞", "非自立", "形容動詞語幹", "*", "名詞-非自立",
        "名詞", "非自立", "助動詞語幹", "*", "名詞-非自立",
        "名詞", "非自立", "副詞可能", "*", "名詞-非自立",
        "名詞", "非自立", "*", "*", "名詞-非自立",
        "名詞", "副詞可能", "*", "*", "名詞-普通名詞",
        "連体詞", "*", "*", "*", "連体詞",
    };

    // njd2jpcommon_cform_list: IPADIC conjugation form -> JPCommon form.
    private static final String[] NJD_CFORM = {
        "*", "*",
        "ガル接続", "その他",
        "音便基本形", "基本形",
        "仮定形", "仮定形",
        "仮定縮約１", "仮定形",
        "仮定縮約２", "仮定形",
        "基本形", "基本形",
        "基本形-促音便", "基本形",
        "現代基本形", "基本形",
        "体言接続", "連体形",
        "体言接続特殊", "連体形",
        "体言接続特殊２", "連体形",
        "文語基本形", "基本形",
        "未然ウ接続", "未然形",
        "未然ヌ接続", "未然形",
        "未然レル接続", "未然形",
        "未然形", "未然形",
        "未然特殊", "未然形",
        "命令ｅ", "命令形",
        "命令ｉ", "命令形",
        "命令ｒｏ", "命令形",
        "命令ｙｏ", "命令形",
        "連用ゴザイ接続", "連用形",
        "連用タ接続", "連用形",
        "連用テ接続", "連用形",
        "連用デ接続", "連用形",
        "連用ニ接続", "連用形",
        "連用形", "連用形",
    };

    // njd2jpcommon_ctype_list: IPADIC conjugation type -> JPCommon type.
    private static final String[] NJD_CTYPE = {
        "*", "*",
        "カ変・クル", "カ行変格",
        "カ変・来ル", "カ行変格",
        "サ変・−スル", "サ行変格",
        "サ変・−ズル", "サ行変格",
        "サ変・スル", "サ行変格",
        "ラ変", "ラ行変格",
        "一段", "一段",
        "一段・クレル", "一段",
        "一段・得ル", "一段",
        "下二・カ行", "二段",
        "下二・ガ行", "二段",
        "下二・タ行", "二段",
        "下二・ダ行", "二段",
        "下二・ハ行", "二段",
        "下二・マ行", "二段",
        "下二・得", "二段",
        "形容詞・アウオ段", "形容詞",
        "形容詞・イイ", "形容詞",
        "形容詞・イ段", "形容詞",
        "五段・カ行イ音便", "五段",
        "五段・カ行促音便", "五段",
        "五段・カ行促音便ユク", "五段",
        "五段・ガ行", "五段",
        "五段・サ行", "五段",
        "五段・タ行", "五段",
        "五段・ナ行", "五段",
        "五段・バ行", "五段",
        "五段・マ行", "五段",
        "五段・ラ行", "五段",
        "五段・ラ行アル", "五段",
        "五段・ラ行特殊", "五段",
        "五段・ワ行ウ音便", "五段",
        "五段・ワ行促音便", "五段",
        "四段・サ行", "四段",
        "四段・タ行", "四段",
        "四段・ハ行", "四段",
        "四段・バ行", "四段",
        "上二・ダ行", "二段",
        "上二・ハ行", "二段",
        "特殊・ジャ", "助動詞",
        "特殊・タ", "助動詞",
        "特殊・タイ", "助動詞",
        "特殊・ダ", "助動詞",
        "特殊・デス", "助動詞",
        "特殊・ナイ", "助動詞",
        "特殊・ヌ", "助動詞",
        "特殊・マス", "助動詞",
        "特殊・ヤ", "助動詞",
        "不変化型", "不変化",
        "文語・キ", "文語助動詞",
        "文語・ケリ", "文語助動詞",
        "文語・ゴトシ", "文語助動詞",
        "文語・ナリ", "文語助動詞",
        "文語・ベシ", "文語助動詞",
        "文語・マジ", "文語助動詞",
        "文語・リ", "文語助動詞",
        "文語・ル", "文語助動詞",
    };

    // jpcommon_pos_list: JPCommon POS -> label code ("xx" = none).
    private static final String[] JPCOMMON_POS_CODE = {
        "その他", "xx",
        "感動詞", "09",
        "記号", "xx",
        "形状詞", "19",
        "形容詞", "01",
        "助詞-その他", "23",
        "助詞-格助詞", "13",
        "助詞-係助詞", "24",
        "助詞-終助詞", "14",
        "助詞-接続助詞", "12",
        "助詞-副助詞", "11",
        "助動詞", "10",
        "接続詞", "08",
        "接頭辞", "16",
        "接頭辞-形状詞的", "16",
        "接頭辞-形容詞的", "16",
        "接頭辞-動詞的", "16",
        "接頭辞-名詞的", "16",
        "接尾辞-形状詞的", "15",
        "接尾辞-形容詞的", "15",
        "接尾辞-動詞的", "15",
        "接尾辞-名詞的", "15",
        "代名詞", "04",
        "動詞", "20",
        "動詞-非自立", "17",
        "副詞", "06",
        "名詞-サ変接続", "03",
        "名詞-固有名詞", "18",
        "名詞-数詞", "05",
        "名詞-非自立", "22",
        "名詞-普通名詞", "02",
        "連体詞", "07",
        "フィラー", "25",
    };

    // jpcommon_cform_list: JPCommon form -> label code.
    private static final String[] JPCOMMON_CFORM_CODE = {
        "*", "xx",
        "その他", "6",
        "仮定形", "4",
        "基本形", "2",
        "未然形", "0",
        "命令形", "5",
        "連体形", "3",
        "連用形", "1",
    };

    // jpcommon_ctype_list: JPCommon type -> label code.
    private static final String[] JPCOMMON_CTYPE_CODE = {
        "*", "xx",
        "カ行変格", "5",
        "サ行変格", "4",
        "ラ行変格", "6",
        "一段", "3",
        "形容詞", "7",
        "五段", "1",
        "四段", "6",
        "助動詞", "7",
        "二段", "6",
        "不変化", "6",
        "文語助動詞", "6",
    };

    private static final Map<PosKey, String> POS_CODES = composePos();
    private static final Map<String, String> CTYPE_CODES = compose(NJD_CTYPE, JPCOMMON_CTYPE_CODE);
    private static final Map<String, String> CFORM_CODES = compose(NJD_CFORM, JPCOMMON_CFORM_CODE);
    // Unknown entries fall back to each table's first row, as the C does after its warning.
    private static final String POS_FALLBACK = code(JPCOMMON_POS_CODE, NJD_POS[4]);
    private static final String CTYPE_FALLBACK = code(JPCOMMON_CTYPE_CODE, NJD_CTYPE[1]);
    private static final String CFORM_FALLBACK = code(JPCOMMON_CFORM_CODE, NJD_CFORM[1]);

    private NjdToJpCommon() {
    }

    static String posCode(String pos, String group1, String group2, String group3) {
        return POS_CODES.getOrDefault(posKey(pos, group1, group2, group3), POS_FALLBACK);
    }

    static String ctypeCode(String ctype) {
        return CTYPE_CODES.getOrDefault(ctype, CTYPE_FALLBACK);
    }

    static String cformCode(String cform) {
        return CFORM_CODES.getOrDefault(cform, CFORM_FALLBACK);
    }

    private record PosKey(String pos, String group1, String group2, String group3) {
    }

    private static PosKey posKey(String pos, String g1, String g2, String g3) {
        return new PosKey(pos, g1, g2, g3);
    }

    private static Map<PosKey, String> composePos() {
        Map<PosKey, String> map = new HashMap<>();
        for (int i = 0; i < NJD_POS.length; i += 5) {
            map.putIfAbsent(posKey(NJD_POS[i], NJD_POS[i + 1], NJD_POS[i + 2], NJD_POS[i + 3]),
                    code(JPCOMMON_POS_CODE, NJD_POS[i + 4]));
        }
        return Map.copyOf(map);
    }

    private static Map<String, String> compose(String[] njdTable, String[] codeTable) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < njdTable.length; i += 2) {
            map.putIfAbsent(njdTable[i], code(codeTable, njdTable[i + 1]));
        }
        return Map.copyOf(map);
    }

    /** JPCommonLabelWord_initialize's lookup: first match, else the first row's code. */
    private static String code(String[] table, String name) {
        for (int i = 0; i < table.length; i += 2) {
            if (table[i].equals(name)) {
                return table[i + 1];
            }
        }
        return table[1];
    }
}
