package dev.luna.tts.text.jtalk;

/**
 * One word of OpenJTalk's text analysis, in pyopenjtalk's {@code run_frontend} shape and the
 * order of {@code open_jtalk -ot}'s "[Text analysis result]" lines:
 * {@code string,pos,g1,g2,g3,ctype,cform,orig,read,pron,acc/mora,chain_rule,chain_flag}.
 * Fields the C code leaves NULL are "*", as the C prints them.
 */
public record NjdFeature(String string, String pos, String posGroup1, String posGroup2,
                         String posGroup3, String ctype, String cform, String orig, String read,
                         String pron, int acc, int moraSize, String chainRule, int chainFlag) {
}
