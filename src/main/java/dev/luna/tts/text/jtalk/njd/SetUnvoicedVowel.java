package dev.luna.tts.text.jtalk.njd;

import dev.luna.tts.text.accent.Mora;

import static dev.luna.tts.text.jtalk.njd.UnvoicedVowelRules.*;

/**
 * njd_set_unvoiced_vowel: splits every pron into moras and marks devoiced vowels with ’, looking
 * at the current, next and next-next mora (across word boundaries). Rules: fillers never devoice
 * (0), す of です/ます before a non-question (1), し of verbs/auxiliaries/particles (2), no two in a
 * row (3), not on the accent nucleus (4), i/u between voiceless consonants (5).
 */
final class SetUnvoicedVowel {
    private SetUnvoicedVowel() {
    }

    /** What the C keeps per look-ahead slot: mora, its node, voicing flag, size, mora index, accent. */
    private static final class Mora {
        String mora;
        NjdNode nlink;
        int flag = -1; // unknown: -1, voiced: 0, unvoiced: 1
        int size;
        int midx;
        int atype;

        void copyFrom(Mora o) {
            mora = o.mora;
            nlink = o.nlink;
            flag = o.flag;
            size = o.size;
            midx = o.midx;
            atype = o.atype;
        }

        void reset() {
            mora = null;
            nlink = null;
            size = 0;
            flag = -1;
            midx = 0;
            atype = 0;
        }
    }

    /** get_mora_information, with the C's recursion into following nodes made a loop. */
    private static void moraInformation(NjdNode node, int index, Mora m) {
        String str = node.pron();
        while (index >= str.length()) {
            if (node.next == null) {
                m.mora = null;
                m.nlink = null;
                m.flag = -1;
                m.size = 0;
                m.midx = 0;
                m.atype = 0;
                return;
            }
            index -= str.length();
            node = node.next;
            str = node.pron();
        }
        m.nlink = node;
        if (index == 0 && node.chainFlag() != 1) {
            m.midx = 0;
            m.atype = node.acc();
        }
        if (str.equals(TOUTEN) || str.equals(QUESTION)) {
            m.mora = str.equals(TOUTEN) ? TOUTEN : QUESTION;
            m.flag = 0;
            m.size = m.mora.length();
            return;
        }
        m.mora = null;
        m.flag = -1;
        m.size = 0;
        for (String candidate : MORA_LIST) {
            int matched = CStrings.strtopcmp(str, index, candidate);
            if (matched > 0) {
                m.mora = candidate;
                m.size = matched;
                break;
            }
        }
        int matched = CStrings.strtopcmp(str, index + m.size, QUOTATION);
        if (matched > 0) {
            m.flag = 1;
            m.size += matched;
        }
    }

    /** apply_unvoice_rule: 1 devoice, 0 keep, -1 unknown mora. */
    private static int unvoiceRule(String current, String next) {
        if (next == null) {
            return 0;
        }
        int r = ruleFor(CANDIDATE_LIST1, NEXT_MORA_LIST1, current, next);
        if (r < 0) {
            r = ruleFor(CANDIDATE_LIST2, NEXT_MORA_LIST2, current, next);
        }
        if (r < 0) {
            r = ruleFor(CANDIDATE_LIST3, NEXT_MORA_LIST3, current, next);
        }
        return r;
    }

    private static int ruleFor(String[] candidates, String[] nextMoras, String current, String next) {
        for (String candidate : candidates) {
            if (current.equals(candidate)) {
                for (String n : nextMoras) {
                    if (CStrings.strtopcmp(next, 0, n) > 0) {
                        return 1;
                    }
                }
                return 0;
            }
        }
        return -1;
    }

    private static boolean isVerbLike(NjdNode n, String third) {
        String pos = n.pos();
        return pos.equals(DOUSHI) || pos.equals(JODOUSHI) || pos.equals(third);
    }

    static void apply(NjdList njd) {
        Mora m1 = new Mora();
        Mora m2 = new Mora();
        Mora m3 = new Mora();
        m2.midx = 1;
        m3.midx = 2;
        for (NjdNode node = njd.head; node != null; node = node.next) {
            StringBuilder buff = new StringBuilder();
            String str = node.pron();
            int len = str.length();
            for (int index = 0; index < len; ) {
                if (m1.mora == null) {
                    moraInformation(node, index, m1);
                }
                if (m1.mora == null) {
                    // the C warns "Wrong pron." and abandons the rest of the stage
                    return;
                }
                if (m2.mora == null) {
                    m2.midx = m1.midx + 1;
                    m2.atype = m1.atype;
                    moraInformation(node, index + m1.size, m2);
                }
                if (m3.mora == null) {
                    m3.midx = m2.midx + 1;
                    m3.atype = m2.atype;
                    moraInformation(node, index + m1.size + m2.size, m3);
                }
                // rule 1: す of ます / です
                if (m2.mora != null && m3.mora != null && m1.nlink == m2.nlink && m2.nlink != m3.nlink
                        && (m1.mora.equals(MA) || m1.mora.equals(DE)) && m2.mora.equals(SU)
                        && isVerbLike(m2.nlink, KANDOUSHI)) {
                    String p3 = m3.nlink.pron();
                    m2.flag = p3.equals(QUESTION) || p3.equals(CHOUON) ? 0 : 1;
                }
                // rule 2: し
                if (m1.flag != 1 && m2.flag == -1 && m3.flag != 1 && m2.mora != null
                        && m2.nlink.pron().equals(SHI) && isVerbLike(m2.nlink, JOSHI)) {
                    if (m2.atype == m2.midx + 1) {
                        m2.flag = 0; // rule 4
                    } else {
                        m2.flag = unvoiceRule(m2.mora, m3.mora); // rule 5
                    }
                    if (m2.flag == 1) {
                        if (m1.flag == -1) {
                            m1.flag = 0;
                        }
                        if (m3.flag == -1) {
                            m3.flag = 0;
                        }
                    }
                }
                if (m1.flag == -1) {
                    if (m1.nlink.pos().equals(FILLER)) {
                        m1.flag = 0; // rule 0
                    } else if (m2.flag == 1) {
                        m1.flag = 0; // rule 3
                    } else if (m1.atype == m1.midx + 1) {
                        m1.flag = 0; // rule 4
                    } else {
                        m1.flag = unvoiceRule(m1.mora, m2.mora); // rule 5
                    }
                }
                if (m1.flag == 1 && m2.flag == -1) {
                    m2.flag = 0;
                }
                buff.append(m1.mora);
                if (m1.flag == 1) {
                    buff.append(QUOTATION);
                }
                index += m1.size;
                m1.copyFrom(m2);
                m2.copyFrom(m3);
                m3.reset();
            }
            node.setPron(buff.toString());
        }
    }
}
