package dev.luna.tts.text.jtalk.njd;

import dev.luna.tts.text.jtalk.NjdFeature;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One mutable NJD node, a field-for-field mirror of OpenJTalk's {@code NJDNode}: string fields may
 * be null (the C's NULL), setters turn null or empty into null, getters return "*" for null, and
 * the acc / mora setters clamp negatives to 0. Nodes form a doubly linked list through
 * {@link #prev} / {@link #next}, owned by {@link NjdList}.
 */
final class NjdNode {
    static final String NODATA = "*";

    private String string;
    private String pos;
    private String posGroup1;
    private String posGroup2;
    private String posGroup3;
    private String ctype;
    private String cform;
    private String orig;
    private String read;
    private String pron;
    private int acc;
    private int moraSize;
    private String chainRule;
    private int chainFlag = -1;
    NjdNode prev;
    NjdNode next;

    private static String value(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String get(String s) {
        return s == null ? NODATA : s;
    }

    private static String append(String base, String add) {
        if (add == null) {
            return base;
        }
        return base == null ? add : base + add;
    }

    void setString(String s) { string = value(s); }
    void setPos(String s) { pos = value(s); }
    void setPosGroup1(String s) { posGroup1 = value(s); }
    void setPosGroup2(String s) { posGroup2 = value(s); }
    void setPosGroup3(String s) { posGroup3 = value(s); }
    void setCtype(String s) { ctype = value(s); }
    void setCform(String s) { cform = value(s); }
    void setOrig(String s) { orig = value(s); }
    void setRead(String s) { read = value(s); }
    void setPron(String s) { pron = value(s); }
    void setChainRule(String s) { chainRule = value(s); }
    void setChainFlag(int flag) { chainFlag = flag; }

    void setAcc(int a) { acc = Math.max(a, 0); }
    void setMoraSize(int m) { moraSize = Math.max(m, 0); }

    void addString(String s) { string = append(string, s); }
    void addOrig(String s) { orig = append(orig, s); }
    void addRead(String s) { read = append(read, s); }
    void addPron(String s) { pron = append(pron, s); }
    void addMoraSize(int m) { setMoraSize(moraSize + m); }

    String string() { return get(string); }
    String pos() { return get(pos); }
    String posGroup1() { return get(posGroup1); }
    String posGroup2() { return get(posGroup2); }
    String posGroup3() { return get(posGroup3); }
    String ctype() { return get(ctype); }
    String cform() { return get(cform); }
    String orig() { return get(orig); }
    String read() { return get(read); }
    String pron() { return get(pron); }
    int acc() { return acc; }
    int moraSize() { return moraSize; }
    String chainRule() { return get(chainRule); }
    int chainFlag() { return chainFlag; }

    /** NJDNode_copy: every field but the links, through the setters. */
    void copyFrom(NjdNode o) {
        setString(o.string);
        setPos(o.pos);
        setPosGroup1(o.posGroup1);
        setPosGroup2(o.posGroup2);
        setPosGroup3(o.posGroup3);
        setCtype(o.ctype);
        setCform(o.cform);
        setOrig(o.orig);
        setRead(o.read);
        setPron(o.pron);
        setAcc(o.acc);
        setMoraSize(o.moraSize);
        setChainRule(o.chainRule);
        setChainFlag(o.chainFlag);
    }

    /** A fresh node loaded from one feature line (NJDNode_initialize + NJDNode_load). */
    static NjdNode loaded(String line) {
        NjdNode node = new NjdNode();
        node.load(line);
        return node;
    }

    /**
     * NJDNode_load: parse {@code surface,pos,g1,g2,g3,ctype,cform,orig,read,pron,acc/mora,rule[,flag]}
     * into this node. A {@code :}-joined compound entry (several {@code acc/mora} pairs) becomes a
     * chain of new nodes linked after this one (each a copy of the previous with chain flag 0);
     * the caller links the chain into its list. The chain flag is only changed by a literal
     * "1" or "0" in the 13th field.
     */
    void load(String line) {
        Tokenizer t = new Tokenizer(line);
        String buffString = t.next(',');
        setPos(t.next(','));
        setPosGroup1(t.next(','));
        setPosGroup2(t.next(','));
        setPosGroup3(t.next(','));
        setCtype(t.next(','));
        setCform(t.next(','));
        String buffOrig = t.next(',');
        String buffRead = t.next(',');
        String buffPron = t.next(',');
        String buffAcc = t.next(',');
        setChainRule(t.next(','));
        String flag = t.next(',');
        if (flag.equals("1")) {
            setChainFlag(1);
        } else if (flag.equals("0")) {
            setChainFlag(0);
        }
        // symbol
        if (buffAcc.contains("*") || !buffAcc.contains("/")) {
            setString(buffString);
            setOrig(buffOrig);
            setRead(buffRead);
            setPron(buffPron);
            setAcc(0);
            setMoraSize(0);
            return;
        }
        int count = 0;
        for (int i = 0; i < buffAcc.length(); i++) {
            if (buffAcc.charAt(i) == '/') {
                count++;
            }
        }
        if (count == 1) {
            setString(buffString);
            setOrig(buffOrig);
            setRead(buffRead);
            setPron(buffPron);
            Tokenizer a = new Tokenizer(buffAcc);
            setAcc(numberOrZero(a.next('/')));
            setMoraSize(numberOrZero(a.next(':')));
            return;
        }
        // chained word
        byte[] stringBytes = buffString.getBytes(StandardCharsets.UTF_8);
        int indexString = 0;
        Tokenizer o = new Tokenizer(buffOrig);
        Tokenizer r = new Tokenizer(buffRead);
        Tokenizer p = new Tokenizer(buffPron);
        Tokenizer a = new Tokenizer(buffAcc);
        NjdNode node = this;
        NjdNode prevNode = null;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                node = new NjdNode();
                node.copyFrom(prevNode);
                node.setChainFlag(0);
                node.prev = prevNode;
                prevNode.next = node;
            }
            String part = o.next(':');
            node.setOrig(part);
            if (i + 1 < count) {
                node.setString(part);
                indexString += CStrings.byteLength(part);
            } else {
                node.setString(indexString >= stringBytes.length ? ""
                        : new String(Arrays.copyOfRange(stringBytes, indexString, stringBytes.length),
                                StandardCharsets.UTF_8));
            }
            node.setRead(r.next(':'));
            node.setPron(p.next(':'));
            node.setAcc(numberOrZero(a.next('/')));
            node.setMoraSize(numberOrZero(a.next(':')));
            prevNode = node;
        }
    }

    private static int numberOrZero(String s) {
        return s.isEmpty() ? 0 : CStrings.atoi(s);
    }

    NjdFeature toFeature() {
        return new NjdFeature(string(), pos(), posGroup1(), posGroup2(), posGroup3(), ctype(), cform(),
                orig(), read(), pron(), acc, moraSize, chainRule(), chainFlag);
    }

    /** The njd_node.c tokenizer: read up to the delimiter (consumed) or the end. */
    private static final class Tokenizer {
        private final String s;
        private int index;

        Tokenizer(String s) {
            this.s = s;
        }

        String next(char d) {
            if (index >= s.length()) {
                return "";
            }
            int start = index;
            while (index < s.length() && s.charAt(index) != d) {
                index++;
            }
            String token = s.substring(start, index);
            if (index < s.length()) {
                index++;
            }
            return token;
        }
    }
}
