package dev.luna.tts.text.jtalk.njd;

/**
 * njd_set_accent_phrase: for every node after the first whose chain flag is still unset (< 0),
 * decide whether it joins the previous accent phrase (1) or starts a new one (0). Rules 01–18
 * run in the C's order, later ones overriding earlier ones.
 */
final class SetAccentPhrase {
    private SetAccentPhrase() {
    }

    private static final String MEISHI = "名詞";
    private static final String KEIYOUSHI = "形容詞";
    private static final String DOUSHI = "動詞";
    private static final String FUKUSHI = "副詞";
    private static final String SETSUZOKUSHI = "接続詞";
    private static final String RENTAISHI = "連体詞";
    private static final String JODOUSHI = "助動詞";
    private static final String JOSHI = "助詞";
    private static final String KIGOU = "記号";
    private static final String KEIYOUDOUSHI_GOKAN = "形容動詞語幹";
    private static final String FUKUSHI_KANOU = "副詞可能";
    private static final String SETSUBI = "接尾";
    private static final String HIJIRITSU = "非自立";
    private static final String RENYOU = "連用";
    private static final String SETSUZOKUJOSHI = "接続助詞";
    private static final String SAHEN_SETSUZOKU = "サ変接続";
    private static final String TE = "て";
    private static final String DE = "で";
    private static final String SETTOUSHI = "接頭詞";
    private static final String SEI = "姓";
    private static final String MEI = "名";

    static void apply(NjdList njd) {
        if (njd.head == null) {
            return;
        }
        for (NjdNode node = njd.head.next; node != null; node = node.next) {
            if (node.chainFlag() < 0) {
                decide(node.prev, node);
            }
        }
    }

    private static void decide(NjdNode prev, NjdNode node) {
        String pos = node.pos();
        String prevPos = prev.pos();
        // Rule 01: attach by default
        node.setChainFlag(1);
        // Rule 02: noun + noun attach
        if (prevPos.equals(MEISHI) && pos.equals(MEISHI)) {
            node.setChainFlag(1);
        }
        // Rule 03: adjective + noun split
        if (prevPos.equals(KEIYOUSHI) && pos.equals(MEISHI)) {
            node.setChainFlag(0);
        }
        // Rule 04: adjectival-noun stem + noun split
        if (prevPos.equals(MEISHI) && prev.posGroup1().equals(KEIYOUDOUSHI_GOKAN) && pos.equals(MEISHI)) {
            node.setChainFlag(0);
        }
        // Rule 05: verb + adjective / noun split
        if (prevPos.equals(DOUSHI) && (pos.equals(KEIYOUSHI) || pos.equals(MEISHI))) {
            node.setChainFlag(0);
        }
        // Rule 06: adverbs, conjunctions, adnominals stand alone
        if (pos.equals(FUKUSHI) || prevPos.equals(FUKUSHI) || pos.equals(SETSUZOKUSHI)
                || prevPos.equals(SETSUZOKUSHI) || pos.equals(RENTAISHI) || prevPos.equals(RENTAISHI)) {
            node.setChainFlag(0);
        }
        // Rule 07: adverbial nouns stand alone
        if (prevPos.equals(MEISHI) && prev.posGroup1().equals(FUKUSHI_KANOU)) {
            node.setChainFlag(0);
        }
        if (pos.equals(MEISHI) && node.posGroup1().equals(FUKUSHI_KANOU)) {
            node.setChainFlag(0);
        }
        // Rule 08: particles and auxiliaries attach
        if (pos.equals(JODOUSHI) || pos.equals(JOSHI)) {
            node.setChainFlag(1);
        }
        // Rule 09: an independent word after a particle / auxiliary splits
        if ((prevPos.equals(JODOUSHI) || prevPos.equals(JOSHI)) && !pos.equals(JODOUSHI) && !pos.equals(JOSHI)) {
            node.setChainFlag(0);
        }
        // Rule 10: noun after a suffix splits
        if (prev.posGroup1().equals(SETSUBI) && pos.equals(MEISHI)) {
            node.setChainFlag(0);
        }
        // Rule 11: dependent adjective after 連用 verb/adjective or て/で attaches
        if (pos.equals(KEIYOUSHI) && node.posGroup1().equals(HIJIRITSU)) {
            if (prevPos.equals(DOUSHI)) {
                if (prev.cform().startsWith(RENYOU)) {
                    node.setChainFlag(1);
                }
            } else if (prevPos.equals(KEIYOUSHI)) {
                if (prev.cform().startsWith(RENYOU)) {
                    node.setChainFlag(1);
                }
            } else if (prevPos.equals(JOSHI)) {
                if (prev.posGroup1().equals(SETSUZOKUJOSHI)
                        && (prev.string().equals(TE) || prev.string().equals(DE))) {
                    node.setChainFlag(1);
                }
            }
        }
        // Rule 12: dependent verb after 連用 verb or サ変 noun attaches
        if (pos.equals(DOUSHI) && node.posGroup1().equals(HIJIRITSU)) {
            if (prevPos.equals(DOUSHI)) {
                if (prev.cform().startsWith(RENYOU)) {
                    node.setChainFlag(1);
                }
            } else if (prevPos.equals(MEISHI)) {
                if (prev.posGroup1().equals(SAHEN_SETSUZOKU)) {
                    node.setChainFlag(1);
                }
            }
        }
        // Rule 13: verb / adjective / adjectival-noun stem after a noun splits
        if (prevPos.equals(MEISHI) && (pos.equals(DOUSHI) || pos.equals(KEIYOUSHI)
                || node.posGroup1().equals(KEIYOUDOUSHI_GOKAN))) {
            node.setChainFlag(0);
        }
        // Rule 14: symbols stand alone
        if (pos.equals(KIGOU) || prevPos.equals(KIGOU)) {
            node.setChainFlag(0);
        }
        // Rule 15: prefixes start a phrase
        if (pos.equals(SETTOUSHI)) {
            node.setChainFlag(0);
        }
        // Rule 16: noun after a family name splits
        if (prev.posGroup3().equals(SEI) && pos.equals(MEISHI)) {
            node.setChainFlag(0);
        }
        // Rule 17: a given name after a noun splits
        if (prevPos.equals(MEISHI) && node.posGroup3().equals(MEI)) {
            node.setChainFlag(0);
        }
        // Rule 18: suffixes attach
        if (node.posGroup1().equals(SETSUBI)) {
            node.setChainFlag(1);
        }
    }
}
