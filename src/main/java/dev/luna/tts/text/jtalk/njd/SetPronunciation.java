package dev.luna.tts.text.jtalk.njd;

import static dev.luna.tts.text.jtalk.njd.PronunciationRules.*;

/**
 * njd_set_pronunciation: zero-mora words are read through the kana table (becoming fillers),
 * known symbols keep their reading, the rest become pauses; silent nodes are dropped, runs of
 * single-kana fillers merged, ウ after a verb becomes ー, です/ます before ？ get a full pron.
 */
final class SetPronunciation {
    private SetPronunciation() {
    }

    static void apply(NjdList njd) {
        for (NjdNode node = njd.head; node != null; node = node.next) {
            if (node.moraSize() == 0) {
                readAsKana(node);
                if (node.pron().equals(NjdNode.NODATA)) {
                    for (int i = 0; i < SYMBOL_LIST.length; i += 2) {
                        if (node.string().equals(SYMBOL_LIST[i])) {
                            node.setRead(SYMBOL_LIST[i + 1]);
                            node.setPron(SYMBOL_LIST[i + 1]);
                            break;
                        }
                    }
                }
                if (node.pron().equals(NjdNode.NODATA)) {
                    node.setRead(TOUTEN);
                    node.setPron(TOUTEN);
                    node.setPos(KIGOU);
                }
            }
        }
        njd.removeSilent();
        chainKanaFillers(njd);
        njd.removeSilent();
        for (NjdNode node = njd.head; node != null; node = node.next) {
            if (node.next != null && node.next.pron().equals(U) && node.next.pos().equals(JODOUSHI)
                    && (node.pos().equals(DOUSHI) || node.pos().equals(JODOUSHI))
                    && node.moraSize() > 0) {
                node.next.setPron(CHOUON);
            }
            if (node.next != null && node.pos().equals(JODOUSHI) && node.next.string().equals(QUESTION)) {
                if (node.string().equals(DESU_STR)) {
                    node.setPron(DESU_PRON);
                } else if (node.string().equals(MASU_STR)) {
                    node.setPron(MASU_PRON);
                }
            }
        }
    }

    /** Spell the surface with the kana table (first matching entry wins at each position). */
    private static void readAsKana(NjdNode node) {
        node.setRead(null);
        node.setPron(null);
        String str = node.string();
        for (int pos = 0; pos < str.length(); ) {
            int j = -1;
            int i;
            for (i = 0; i < LIST.length; i += 3) {
                j = CStrings.strtopcmp(str, pos, LIST[i]);
                if (j > 0) {
                    break;
                }
            }
            if (j > 0) {
                pos += j;
                node.addRead(LIST[i + 1]);
                node.addPron(LIST[i + 1]);
                node.addMoraSize(CStrings.atoi(LIST[i + 2]));
            } else {
                // the C steps one byte; continuation bytes never start a table entry
                pos += Character.charCount(str.codePointAt(pos));
            }
        }
        if (node.moraSize() != 0) {
            node.setPos(FILLER);
            node.setPosGroup1(null);
            node.setPosGroup2(null);
            node.setPosGroup3(null);
        }
        if (node.orig().equals(NjdNode.NODATA)) {
            node.setOrig(str);
        }
    }

    /** Merge consecutive fillers whose surface is exactly one table entry into the first. */
    private static void chainKanaFillers(NjdList njd) {
        NjdNode head = null;
        for (NjdNode node = njd.head; node != null; node = node.next) {
            if (node.pos().equals(FILLER)) {
                boolean find = false;
                for (int i = 0; i < LIST.length; i += 3) {
                    if (node.string().equals(LIST[i])) {
                        find = true;
                        if (head == null) {
                            head = node;
                        } else {
                            head.addString(node.string());
                            head.addOrig(node.orig());
                            head.addRead(node.read());
                            head.addPron(node.pron());
                            head.addMoraSize(node.moraSize());
                            node.setPron(null);
                        }
                        break;
                    }
                }
                if (!find) {
                    head = null;
                }
            } else {
                head = null;
            }
        }
    }
}
