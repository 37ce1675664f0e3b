package dev.luna.tts.text.jtalk.njd;

import static dev.luna.tts.text.jtalk.njd.DigitRules.*;

/**
 * njd_set_digit: finds runs of numerals (名詞,数 with commas / periods), decides between a
 * numerical reading (十百千 and 万億兆… places inserted as nodes) and a digit-by-digit one from the
 * commas and a context score, reads decimal points as テン, then applies the counter tables
 * (rendaku / sound changes, 一人, 一日…十日, 二十日, 十四日 …) and the numeral accent-phrase rules.
 */
final class SetDigit {
    private SetDigit() {
    }

    private static final String NODATA = NjdNode.NODATA;

    static void apply(NjdList njd) {
        NjdNode s = null;
        NjdNode e = null;
        boolean find = false;
        for (NjdNode node = njd.head; node != null; node = node.next) {
            if (!find && node.posGroup1().equals(KAZU)) {
                find = true;
            }
            if (getDigit(node, true) >= 0 || (node.posGroup1().equals(KAZU)
                    && (isPeriod(node.string()) || isComma(node.string())))) {
                if (s == null) {
                    s = node;
                }
                if (node == njd.tail) {
                    e = node;
                }
            } else if (s != null) {
                e = node.prev;
            }
            if (s != null && e != null) {
                convertDigitSequence(njd, s, e);
                s = e = null;
            }
        }
        if (!find) {
            return;
        }
        njd.removeSilent();
        if (njd.head == null) {
            return;
        }
        decimalPoints(njd);
        counters(njd);
        numeralPairs(njd);
        counterWordsAndDays(njd);
        specialDays(njd);
        njd.removeSilent();
    }

    private static int getDigit(NjdNode node, boolean convert) {
        if (node.string().equals(NODATA)) {
            return -1;
        }
        if (node.posGroup1().equals(KAZU)) {
            for (int i = 0; i < NUMERAL_LIST1.length; i += 3) {
                if (NUMERAL_LIST1[i].equals(node.string())) {
                    if (convert) {
                        node.setString(NUMERAL_LIST1[i + 2]);
                        node.setOrig(NUMERAL_LIST1[i + 2]);
                    }
                    return CStrings.atoi(NUMERAL_LIST1[i + 1]);
                }
            }
        }
        return -1;
    }

    private static boolean isPeriod(String s) {
        return s.equals(TEN1) || s.equals(TEN2);
    }

    private static boolean isComma(String s) {
        return s.equals(COMMA);
    }

    private static boolean isHyphen(String s) {
        return s.equals(HAIHUN1) || s.equals(HAIHUN2) || s.equals(HAIHUN3) || s.equals(HAIHUN4)
                || s.equals(HAIHUN5);
    }

    /** How much the context around a digit run suggests a numerical reading (>= 0: numerical). */
    private static int digitSequenceScore(NjdNode start, NjdNode end) {
        int score = 0;
        if (start.prev != null) {
            NjdNode p = start.prev;
            String g1 = p.posGroup1();
            String g2 = p.posGroup2();
            String str = p.string();
            if (g1.equals(SUUSETSUZOKU)) {
                score += 2;
            }
            if (g2.equals(JOSUUSHI) || g1.equals(FUKUSHIKANOU)) {
                score += 1;
            }
            if (isPeriod(str)) {
                if (p.prev != null && p.prev.posGroup1().equals(KAZU)) {
                    score -= 5;
                }
            } else if (isHyphen(str)) {
                score -= 2;
            } else if (str.equals(KAKKO1)) {
                if (p.prev != null && p.prev.posGroup1().equals(KAZU)) {
                    score -= 2;
                }
            } else if (str.equals(KAKKO2)) {
                score -= 2;
            } else if (str.equals(BANGOU)) {
                score -= 2;
            }
            if (p.prev != null && p.prev.string().equals(BANGOU)) {
                score -= 2;
            }
        }
        if (end.next != null) {
            NjdNode n = end.next;
            String str = n.string();
            if (n.posGroup2().equals(JOSUUSHI) || n.posGroup1().equals(FUKUSHIKANOU)) {
                score += 2;
            }
            if (isHyphen(str)) {
                score -= 2;
            } else if (str.equals(KAKKO1)) {
                score -= 2;
            } else if (str.equals(KAKKO2)) {
                if (n.next != null && n.next.posGroup1().equals(KAZU)) {
                    score -= 2;
                }
            } else if (str.equals(BANGOU)) {
                score -= 2;
            } else if (isPeriod(str)) {
                score += 4;
            }
        }
        return score;
    }

    /** Digit by digit: 0 2 5 get two-mora readings, pairs of digits form accent phrases. */
    private static void nonNumericalReading(NjdNode start, NjdNode end) {
        int size = 0;
        for (NjdNode node = start; node != end.next; node = node.next) {
            size++;
        }
        if (size <= 1) {
            return;
        }
        size = 0;
        for (NjdNode node = start; node != end.next; node = node.next) {
            String str = node.string();
            if (str.equals(ZERO1) || str.equals(ZERO2)) {
                node.setPron(ZERO_AFTER_DP);
                node.setMoraSize(2);
            } else if (str.equals(TWO)) {
                node.setPron(TWO_AFTER_DP);
                node.setMoraSize(2);
            } else if (str.equals(FIVE)) {
                node.setPron(FIVE_AFTER_DP);
                node.setMoraSize(2);
            }
            node.setChainRule(null);
            if (size % 2 == 0) {
                node.setChainFlag(0);
            } else {
                node.setChainFlag(1);
                node.prev.setAcc(3);
            }
            size++;
        }
    }

    /** As a number: digits become 十/百/千 nodes, 万/億/… nodes are inserted per group of four. */
    private static void numericalReading(NjdNode start, NjdNode end) {
        int size = 0;
        for (NjdNode node = start; node != end.next; node = node.next) {
            size++;
        }
        if (size <= 1) {
            return;
        }
        int index = size % 4;
        if (index == 0) {
            index = 4;
        }
        int place = 0;
        if (size > index) {
            place = (size - index) / 4;
        }
        index--;
        if (place > 17) {
            return;
        }
        boolean have = false;
        for (NjdNode node = start; node != end.next; node = node.next) {
            int digit = getDigit(node, false);
            if (index == 0) {
                if (digit == 0) {
                    node.setPron(null);
                    node.setAcc(0);
                    node.setMoraSize(0);
                } else {
                    have = true;
                }
                if (have) {
                    if (place > 0) {
                        node = NjdList.insert(node, node.next, NjdNode.loaded(NUMERAL_LIST3[place]));
                    }
                    have = false;
                }
                place--;
            } else {
                if (digit <= 0) {
                    node.setPron(null);
                    node.setAcc(0);
                    node.setMoraSize(0);
                } else if (digit == 1) {
                    node.load(NUMERAL_LIST2[index]);
                    have = true;
                } else {
                    node = NjdList.insert(node, node.next, NjdNode.loaded(NUMERAL_LIST2[index]));
                    have = true;
                }
            }
            index--;
            if (index < 0) {
                index = 4 - 1;
            }
        }
    }

    /**
     * convert_digit_sequence over the run s..e. The C recurses on the remainder after each
     * period or comma-delimited part (always as a tail call); this loops instead so long runs
     * cannot exhaust the stack.
     */
    private static void convertDigitSequence(NjdList njd, NjdNode s, NjdNode e) {
        while (s != null && e != null) {
            NjdNode last = convertDigitPart(njd, s, e);
            if (last == null || last == e) {
                return;
            }
            s = last.next;
        }
    }

    /**
     * One step of convert_digit_sequence: reads the part starting at s and returns the last node
     * it consumed (the C then recurses from the node after it), or null when it stops.
     */
    private static NjdNode convertDigitPart(NjdList njd, NjdNode s, NjdNode e) {
        // skip leading marks
        if (isComma(s.string()) || isPeriod(s.string())) {
            return s;
        }
        NjdNode finalDigitBeforePeriod = s;
        while (finalDigitBeforePeriod.next != null && finalDigitBeforePeriod != e
                && !isPeriod(finalDigitBeforePeriod.next.string())) {
            finalDigitBeforePeriod = finalDigitBeforePeriod.next;
        }
        while (finalDigitBeforePeriod.prev != null && finalDigitBeforePeriod != s
                && isComma(finalDigitBeforePeriod.string())) {
            finalDigitBeforePeriod = finalDigitBeforePeriod.prev;
        }
        // 1: numerical, 0: unknown, -1: digit by digit
        int numericalReading = 1;
        int numComma = 0;
        NjdNode firstCommaBeforePeriod = null;
        int rindex = 0;
        for (NjdNode node = finalDigitBeforePeriod; ; node = node.prev, rindex++) {
            if (isComma(node.string())) {
                firstCommaBeforePeriod = node;
                numComma++;
                if (numericalReading == 1 && rindex % 4 != 3) {
                    numericalReading = 0;
                }
            } else if (numericalReading == 1 && rindex % 4 == 3) {
                numericalReading = 0;
            }
            if (node == s) {
                break;
            }
        }
        if (s != finalDigitBeforePeriod && getDigit(s, false) == 0) {
            numericalReading = -1;
        }
        if (numericalReading == 1 && numComma == 0) {
            numericalReading = 0;
        }
        if (numericalReading == 1) {
            if (numComma > 0) {
                for (NjdNode node = s; node != finalDigitBeforePeriod; ) {
                    node = isComma(node.string()) ? njd.remove(node) : node.next;
                }
            }
            numericalReading(s, finalDigitBeforePeriod);
            return finalDigitBeforePeriod;
        } else {
            NjdNode finalDigit = firstCommaBeforePeriod == null ? finalDigitBeforePeriod
                    : firstCommaBeforePeriod.prev;
            if (numericalReading == 0) {
                numericalReading = digitSequenceScore(s, finalDigit) >= 0 ? 1 : -1;
            }
            if (numericalReading == 1) {
                numericalReading(s, finalDigit);
            } else {
                nonNumericalReading(s, finalDigit);
            }
            return finalDigit;
        }
    }

    /** "．" between numerals is read テン; the digit before it may lengthen (レー, ニー, ゴー). */
    private static void decimalPoints(NjdList njd) {
        for (NjdNode node = njd.head.next; node != null && node.next != null; ) {
            if (!node.string().equals(NODATA) && !node.prev.string().equals(NODATA)
                    && isPeriod(node.string()) && node.prev.posGroup1().equals(KAZU)
                    && node.next.posGroup1().equals(KAZU)) {
                node.load(TEN_FEATURE);
                node.setChainFlag(1);
                NjdNode prev = node.prev;
                String ps = prev.string();
                if (ps.equals(ZERO1) || ps.equals(ZERO2)) {
                    prev.setPron(ZERO_BEFORE_DP);
                    prev.setMoraSize(2);
                } else if (ps.equals(TWO)) {
                    prev.setPron(TWO_BEFORE_DP);
                    prev.setMoraSize(2);
                } else if (ps.equals(FIVE)) {
                    prev.setPron(FIVE_BEFORE_DP);
                    prev.setMoraSize(2);
                } else if (ps.equals(SIX)) {
                    prev.setAcc(1);
                }
                // skip the digits after the point
                node = node.next;
                while (node != null && node.pos().equals(MEISHI)) {
                    node = node.next;
                }
                if (node != null) {
                    node = node.next;
                }
            } else {
                node = node.next;
            }
        }
    }

    /** A numeral followed by a counter: numeral reading by counter class, then counter rendaku. */
    private static void counters(NjdList njd) {
        for (NjdNode node = njd.head.next; node != null; node = node.next) {
            if (!node.prev.posGroup1().equals(KAZU)) {
                continue;
            }
            if (!(node.posGroup2().equals(JOSUUSHI) || node.posGroup1().equals(FUKUSHIKANOU))) {
                continue;
            }
            NjdNode prev = node.prev;
            if (inClass(NUMERATIVE_CLASS1B, node)) {
                convertDigitPron(CONV_TABLE1B, prev);
            } else if (inClass(NUMERATIVE_CLASS1C1, node)) {
                convertDigitPron(CONV_TABLE1C1, prev);
            } else if (inClass(NUMERATIVE_CLASS1C2, node)) {
                convertDigitPron(CONV_TABLE1C2, prev);
            } else if (inClass(NUMERATIVE_CLASS1D, node)) {
                convertDigitPron(CONV_TABLE1D, prev);
            } else if (inClass(NUMERATIVE_CLASS1E, node)) {
                convertDigitPron(CONV_TABLE1E, prev);
            } else if (inClass(NUMERATIVE_CLASS1F, node)) {
                convertDigitPron(CONV_TABLE1F, prev);
            } else if (inClass(NUMERATIVE_CLASS1G, node)) {
                convertDigitPron(CONV_TABLE1G, prev);
            } else if (inClass(NUMERATIVE_CLASS1H, node)) {
                convertDigitPron(CONV_TABLE1H, prev);
            } else if (inClass(NUMERATIVE_CLASS1I, node)) {
                convertDigitPron(CONV_TABLE1I, prev);
            } else if (inClass(NUMERATIVE_CLASS1J, node)) {
                convertDigitPron(CONV_TABLE1J, prev);
            } else if (inClass(NUMERATIVE_CLASS1K, node)) {
                convertDigitPron(CONV_TABLE1K, prev);
            }
            if (inClass(NUMERATIVE_CLASS2B, node)) {
                convertNumerativePron(CONV_TABLE2B, prev, node);
            } else if (inClass(NUMERATIVE_CLASS2C, node)) {
                convertNumerativePron(CONV_TABLE2C, prev, node);
            } else if (inClass(NUMERATIVE_CLASS2D, node)) {
                convertNumerativePron(CONV_TABLE2D, prev, node);
            } else if (inClass(NUMERATIVE_CLASS2E, node)) {
                convertNumerativePron(CONV_TABLE2E, prev, node);
            } else if (inClass(NUMERATIVE_CLASS2F, node)) {
                convertNumerativePron(CONV_TABLE2F, prev, node);
            }
            prev.setChainFlag(0);
            node.setChainFlag(1);
        }
    }

    /** Numeral followed by numeral: phrase splits for 三|百-style pairs and 六百/八百/一千 sounds. */
    private static void numeralPairs(NjdList njd) {
        for (NjdNode node = njd.head.next; node != null; node = node.next) {
            if (!node.prev.posGroup1().equals(KAZU)) {
                continue;
            }
            if (node.posGroup1().equals(KAZU)) {
                boolean find = false;
                int i = indexOf(NUMERAL_LIST4, node.prev.string());
                if (i >= 0) {
                    if (indexOf(NUMERAL_LIST5, node.string()) >= 0) {
                        node.prev.setChainFlag(0);
                        node.setChainFlag(1);
                        find = true;
                    }
                }
                if (!find && indexOf(NUMERAL_LIST5, node.prev.string()) >= 0
                        && indexOf(NUMERAL_LIST4, node.string()) >= 0) {
                    node.setChainFlag(0);
                }
            }
            if (inClass(NUMERAL_LIST8, node)) {
                convertDigitPron(NUMERAL_LIST9, node.prev);
            }
            if (inClass(NUMERAL_LIST10, node)) {
                convertDigitPron(NUMERAL_LIST11, node.prev);
            }
            if (inClass(NUMERAL_LIST6, node)) {
                convertNumerativePron(NUMERAL_LIST7, node.prev, node);
            }
        }
    }

    /** A run-initial numeral before a counter: ヒト/フタ readings, 一人/二人, 一日…十日, 一日間…. */
    private static void counterWordsAndDays(NjdList njd) {
        for (NjdNode node = njd.head; node != null; node = node.next) {
            NjdNode next = node.next;
            if (!(next != null && !next.string().equals(NODATA) && node.posGroup1().equals(KAZU)
                    && (node.prev == null || node.prev.pos().equals(KIGOU)
                    || !node.prev.posGroup1().equals(KAZU))
                    && (next.posGroup2().equals(JOSUUSHI) || next.posGroup1().equals(FUKUSHIKANOU)))) {
                continue;
            }
            for (int i = 0; i < NUMERATIVE_CLASS3.length; i += 2) {
                if (next.string().equals(NUMERATIVE_CLASS3[i]) && next.read().equals(NUMERATIVE_CLASS3[i + 1])) {
                    for (int j = 0; j < CONV_TABLE3.length; j += 4) {
                        if (node.string().equals(CONV_TABLE3[j])) {
                            node.setRead(CONV_TABLE3[j + 1]);
                            node.setPron(CONV_TABLE3[j + 1]);
                            node.setAcc(CStrings.atoi(CONV_TABLE3[j + 2]));
                            node.setMoraSize(CStrings.atoi(CONV_TABLE3[j + 3]));
                            break;
                        }
                    }
                    break;
                }
            }
            // person
            if (next.string().equals(NIN)) {
                loadFromPairs(CONV_TABLE4, node, next);
            }
            // the day of month
            if (next.string().equals(NICHI) && !node.string().equals(NODATA)) {
                if (node.prev != null && node.prev.string().contains(GATSU) && node.string().equals(ONE)) {
                    node.load(TSUITACHI);
                    next.setPron(null);
                } else {
                    loadFromPairs(CONV_TABLE5, node, next);
                }
            } else if (next.string().equals(NICHIKAN)) {
                loadFromPairs(CONV_TABLE6, node, next);
            }
        }
    }

    private static void loadFromPairs(String[] table, NjdNode node, NjdNode next) {
        for (int i = 0; i < table.length; i += 2) {
            if (node.string().equals(table[i])) {
                node.load(table[i + 1]);
                next.setPron(null);
                return;
            }
        }
    }

    /** 十四日, 十四日間, 二十日, 二十日間, 二十四日, 二十四日間. */
    private static void specialDays(NjdList njd) {
        for (NjdNode node = njd.head; node != null; node = node.next) {
            if (!((node.prev == null || !node.prev.posGroup1().equals(KAZU))
                    && node.next != null && node.next.next != null)) {
                continue;
            }
            NjdNode n1 = node.next;
            NjdNode n2 = n1.next;
            if (node.string().equals(TEN) && n1.string().equals(FOUR)) {
                if (n2.string().equals(NICHI)) {
                    node.load(JUYOKKA);
                    n1.setPron(null);
                    n2.setPron(null);
                } else if (n2.string().equals(NICHIKAN)) {
                    node.load(JUYOKKAKAN);
                    n1.setPron(null);
                    n2.setPron(null);
                }
            } else if (node.string().equals(TWO) && n1.string().equals(TEN)) {
                if (n2.string().equals(NICHI)) {
                    node.load(HATSUKA);
                    n1.setPron(null);
                    n2.setPron(null);
                } else if (n2.string().equals(NICHIKAN)) {
                    node.load(HATSUKAKAN);
                    n1.setPron(null);
                    n2.setPron(null);
                } else if (n2.string().equals(FOUR) && n2.next != null) {
                    NjdNode n3 = n2.next;
                    if (n3.string().equals(NICHI)) {
                        node.load(NIJU);
                        n1.load(YOKKA);
                        n2.setPron(null);
                        n3.setPron(null);
                    } else if (n3.string().equals(NICHIKAN)) {
                        node.load(NIJU);
                        n1.load(YOKKAKAN);
                        n2.setPron(null);
                        n3.setPron(null);
                    }
                }
            }
        }
    }

    private static int indexOf(String[] list, String s) {
        for (int i = 0; i < list.length; i++) {
            if (list[i].equals(s)) {
                return i;
            }
        }
        return -1;
    }

    /** search_numerative_class: is the node's surface in the list ("*" never is). */
    private static boolean inClass(String[] list, NjdNode node) {
        String str = node.string();
        return !str.equals(NODATA) && indexOf(list, str) >= 0;
    }

    /** convert_digit_pron: rows of (numeral, pron, acc, mora). */
    private static void convertDigitPron(String[] table, NjdNode node) {
        String str = node.string();
        if (str.equals(NODATA)) {
            return;
        }
        for (int i = 0; i < table.length; i += 4) {
            if (table[i].equals(str)) {
                node.setPron(table[i + 1]);
                node.setAcc(CStrings.atoi(table[i + 2]));
                node.setMoraSize(CStrings.atoi(table[i + 3]));
                return;
            }
        }
    }

    /** convert_numerative_pron: rows of (numeral, 1 = voice / 2 = half-voice the counter's first kana). */
    private static void convertNumerativePron(String[] table, NjdNode numeral, NjdNode counter) {
        String str = numeral.string();
        if (str.equals(NODATA)) {
            return;
        }
        int type = 0;
        for (int i = 0; i < table.length; i += 2) {
            if (table[i].equals(str)) {
                type = CStrings.atoi(table[i + 1]);
                break;
            }
        }
        String[] sounds = type == 1 ? VOICED_SOUND_SYMBOL_LIST : type == 2 ? SEMIVOICED_SOUND_SYMBOL_LIST : null;
        if (sounds == null) {
            return;
        }
        for (int i = 0; i < sounds.length; i += 2) {
            String pron = counter.pron();
            int j = CStrings.strtopcmp(pron, 0, sounds[i]);
            if (j >= 0) {
                counter.setPron(sounds[i + 1] + pron.substring(j));
                break;
            }
        }
    }
}
