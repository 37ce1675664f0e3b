package dev.luna.tts.text.g2p;

import dev.luna.tts.text.G2pException;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SBV2's {@code __pyopenjtalk_g2p_prosody} (ESPnet's algorithm): full-context labels → phonemes
 * with prosody marks {@code ^ $ ? _ # [ ]}; unvoiced vowels lower-cased.
 */
final class ProsodySymbols {

    private static final Pattern A1 = Pattern.compile("/A:([0-9\\-]+)\\+");
    private static final Pattern A2 = Pattern.compile("\\+(\\d+)\\+");
    private static final Pattern A3 = Pattern.compile("\\+(\\d+)/");
    private static final Pattern E3 = Pattern.compile("!(\\d+)_");
    private static final Pattern F1 = Pattern.compile("/F:(\\d+)_");
    private static final Pattern P3 = Pattern.compile("-(.*?)\\+");
    private static final int MISSING = -50;

    private ProsodySymbols() {
    }

    static List<String> of(List<String> labels) {
        int n = labels.size();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String lab = labels.get(i);
            Matcher pm = P3.matcher(lab);
            if (!pm.find()) {
                throw new G2pException("label without a current phoneme: " + lab);
            }
            String p3 = pm.group(1);
            if ("AEIOU".contains(p3)) { // Python's `p3 in "AEIOU"` is a substring test
                p3 = p3.toLowerCase(java.util.Locale.ROOT);
            }
            if (p3.equals("sil")) {
                if (i != 0 && i != n - 1) {
                    throw new G2pException("sil inside the utterance at label " + i);
                }
                if (i == 0) {
                    out.add("^");
                } else {
                    int e3 = feature(E3, lab);
                    if (e3 == 0) {
                        out.add("$");
                    } else if (e3 == 1) {
                        out.add("?");
                    }
                }
                continue;
            } else if (p3.equals("pau")) {
                out.add("_");
                continue;
            }
            out.add(p3);
            if (i + 1 >= n) {
                throw new G2pException("labels do not end with sil");
            }
            int a1 = feature(A1, lab);
            int a2 = feature(A2, lab);
            int a3 = feature(A3, lab);
            int f1 = feature(F1, lab);
            int a2Next = feature(A2, labels.get(i + 1));
            if (a3 == 1 && a2Next == 1 && "aeiouAEIOUNcl".contains(p3)) {
                out.add("#");
            } else if (a1 == 0 && a2Next == a2 + 1 && a2 != f1) {
                out.add("]");
            } else if (a2 == 1 && a2Next == 2) {
                out.add("[");
            }
        }
        return out;
    }

    private static int feature(Pattern p, String label) {
        Matcher m = p.matcher(label);
        if (!m.find()) {
            return MISSING;
        }
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            throw new G2pException("unreadable label feature '" + m.group(1) + "' in " + label);
        }
    }
}
