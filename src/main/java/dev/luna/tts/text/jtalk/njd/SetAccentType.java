package dev.luna.tts.text.jtalk.njd;

/**
 * njd_set_accent_type: walks accent phrases (chain flag 1 joins the previous word) and changes
 * the phrase-initial word's accent by each attached word's chain rule (F1–F5, C1–C5, P1, P2, P6,
 * P14, with {@code POS%RULE@n/...} alternatives chosen by the previous word's POS), then applies
 * the numeral accent specials (十, 百, 千, 万, 億, 兆).
 */
final class SetAccentType {
    private SetAccentType() {
    }

    private static final String KAZU = "数";
    private static final String ICHI = "一";
    private static final String NI = "二";
    private static final String SAN = "三";
    private static final String YON = "四";
    private static final String GO = "五";
    private static final String ROKU = "六";
    private static final String NANA = "七";
    private static final String HACHI = "八";
    private static final String KYUU = "九";
    private static final String JYUU = "十";
    private static final String HYAKU = "百";
    private static final String SEN = "千";
    private static final String MAN = "万";
    private static final String OKU = "億";
    private static final String CHOU = "兆";
    private static final String SUU = "数";
    private static final String NAN = "何";
    private static final String IKU = "幾";

    /** A rule name and the {@code @n} offset. */
    record Rule(String name, int addType) {
    }

    static void apply(NjdList njd) {
        if (njd.head == null) {
            return;
        }
        NjdNode top = null;
        int moraSize = 0;
        for (NjdNode node = njd.head; node != null; node = node.next) {
            if (node == njd.head || node.chainFlag() != 1) {
                top = node;
                moraSize = 0;
            } else if (node.prev != null && node.chainFlag() == 1) {
                Rule rule = getRule(node.chainRule(), node.prev.pos());
                changeAccent(rule, top, node, moraSize);
            }
            if (node.prev != null && node.chainFlag() == 1 && node.prev.posGroup1().equals(KAZU)
                    && node.posGroup1().equals(KAZU)) {
                numeralAccent(node);
            }
            if (node.string().equals(JYUU) && node.chainFlag() != 1 && node.next != null
                    && node.next.posGroup1().equals(KAZU)) {
                node.setAcc(0);
            }
            moraSize += node.moraSize();
        }
    }

    private static void changeAccent(Rule rule, NjdNode top, NjdNode node, int moraSize) {
        int add = rule.addType();
        switch (rule.name()) {
            case "F2" -> {
                if (top.acc() == 0) {
                    top.setAcc(moraSize + add);
                }
            }
            case "F3" -> {
                if (top.acc() != 0) {
                    top.setAcc(moraSize + add);
                }
            }
            case "F4" -> top.setAcc(moraSize + add);
            case "F5", "C4", "P6" -> top.setAcc(0);
            case "C1" -> top.setAcc(moraSize + node.acc());
            case "C2" -> top.setAcc(moraSize + 1);
            case "C3" -> top.setAcc(moraSize);
            case "P1" -> top.setAcc(node.acc() == 0 ? 0 : moraSize + node.acc());
            case "P2" -> top.setAcc(node.acc() == 0 ? moraSize + 1 : moraSize + node.acc());
            case "P14" -> {
                if (node.acc() != 0) {
                    top.setAcc(moraSize + node.acc());
                }
            }
            default -> {
                // "*", F1, C5 and unknown names change nothing
            }
        }
    }

    private static boolean in(String s, String... values) {
        for (String v : values) {
            if (s.equals(v)) {
                return true;
            }
        }
        return false;
    }

    private static void numeralAccent(NjdNode node) {
        NjdNode prev = node.prev;
        String str = node.string();
        String ps = prev.string();
        if (str.equals(JYUU)) {
            prev.setAcc(1);
            if (in(ps, GO, ROKU, HACHI) && node.next != null
                    && in(node.next.string(), ICHI, NI, SAN, YON, GO, ROKU, NANA, HACHI, KYUU)) {
                prev.setAcc(0);
            }
        } else if (str.equals(HYAKU)) {
            if (ps.equals(NANA)) {
                prev.setAcc(2);
            } else if (in(ps, SAN, YON, KYUU, NAN)) {
                prev.setAcc(1);
            } else {
                prev.setAcc(prev.moraSize() + node.moraSize());
            }
        } else if (str.equals(SEN) || str.equals(MAN)) {
            prev.setAcc(prev.moraSize() + 1);
        } else if (str.equals(OKU)) {
            prev.setAcc(in(ps, ICHI, ROKU, NANA, HACHI, IKU) ? 2 : 1);
        } else if (str.equals(CHOU)) {
            prev.setAcc(in(ps, ROKU, NANA) ? 2 : 1);
        }
    }

    /**
     * get_rule: pick the alternative of a chain rule such as {@code 名詞%F2@1/動詞%F1} whose POS
     * part occurs in {@code prevPos}; a part without {@code %} applies unconditionally.
     */
    static Rule getRule(String inputRule, String prevPos) {
        RuleTokenizer t = new RuleTokenizer(inputRule);
        char c = ' ';
        while (c != '\0') {
            String buff = t.next();
            c = t.last;
            if ((c == '%' && prevPos.contains(buff)) || c == '@' || c == '/' || c == '\0') {
                String rule;
                if (c == '%') {
                    rule = t.next();
                    c = t.last;
                } else {
                    rule = buff;
                }
                int addType = 0;
                if (c == '@') {
                    addType = CStrings.atoi(t.next());
                }
                return new Rule(rule, addType);
            }
            while (c == '%' || c == '@') {
                t.next();
                c = t.last;
            }
        }
        return new Rule("*", 0);
    }

    /** The accent-type tokenizer: tokens end at '%', '@', '/' (consumed) or the end ('\0'). */
    private static final class RuleTokenizer {
        private final String s;
        private int index;
        char last;

        RuleTokenizer(String s) {
            this.s = s;
        }

        String next() {
            if (index >= s.length()) {
                last = '\0';
                return "";
            }
            int start = index;
            while (index < s.length() && "%@/".indexOf(s.charAt(index)) < 0) {
                index++;
            }
            String token = s.substring(start, index);
            if (index < s.length()) {
                last = s.charAt(index);
                index++;
            } else {
                last = '\0';
            }
            return token;
        }
    }
}
