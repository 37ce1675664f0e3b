package dev.luna.tts.text.accent;

import dev.luna.tts.text.G2pException;
import dev.luna.tts.text.G2pResult;
import dev.luna.tts.text.g2p.Sbv2Symbols;

import java.util.ArrayList;
import java.util.List;

/**
 * SBV2's {@code given_phone}/{@code given_tone} (clean_text_with_given_phone_tone): the text still goes through g2p,
 * because BERT reads the text and needs word2ph; the given phones and tones then replace the generated ones, and
 * word2ph is stretched over the difference (SBV2's adjust_word2ph) when their counts differ.
 */
public final class GivenPhones {

    private GivenPhones() {
    }

    /**
     * @param phones with the pads, as g2p returns them
     * @throws G2pException when the phones are not SBV2 symbols, tones are not 0/1, lengths differ, or word2ph
     *                      cannot be fitted to the given phones
     */
    public static G2pResult apply(G2pResult generated, List<String> phones, List<Integer> tones) {
        if (phones.size() != tones.size()) {
            throw new G2pException("given_phone has " + phones.size() + " phones but given_tone has " + tones.size()
                    + " tones");
        }
        if (phones.size() < 3 || !phones.get(0).equals("_") || !phones.get(phones.size() - 1).equals("_")) {
            throw new G2pException("given_phone must start and end with the pad \"_\" and hold at least one phone");
        }
        for (int i = 0; i < phones.size(); i++) {
            if (phones.get(i) == null || Sbv2Symbols.id(phones.get(i)) < 0) {
                throw new G2pException("given_phone[" + i + "] \"" + phones.get(i) + "\" is not an SBV2 symbol");
            }
            Integer t = tones.get(i);
            if (t == null || (t != 0 && t != 1)) {
                throw new G2pException("given_tone[" + i + "] is " + t + "; tones are 0 or 1");
            }
        }
        List<Integer> word2ph = generated.word2ph();
        int sum = word2ph.stream().mapToInt(Integer::intValue).sum();
        if (sum != phones.size()) {
            word2ph = adjustWord2ph(word2ph, generated.phones(), phones);
            if (word2ph.stream().mapToInt(Integer::intValue).sum() != phones.size()) {
                throw new G2pException("given_phone (" + phones.size() + " phones) is too far from the text's reading"
                        + " to align with it");
            }
        }
        return new G2pResult(generated.normalizedText(), generated.bertText(), List.copyOf(phones),
                List.copyOf(tones), List.copyOf(word2ph));
    }

    /**
     * SBV2's adjust_word2ph: each difference between the generated and given phones (by longest common subsequence,
     * pads excluded) changes the count of the character whose phone starts it; counts are then kept within 1..6 by
     * moving the excess to the following characters. A difference at the very end is not counted (as in SBV2), which
     * leaves the sum short and the caller refuses it.
     */
    public static List<Integer> adjustWord2ph(List<Integer> word2ph, List<String> generatedPhones,
                                              List<String> givenPhones) {
        List<Integer> w = word2ph.subList(1, word2ph.size() - 1);
        List<String> gen = generatedPhones.subList(1, generatedPhones.size() - 1);
        List<String> giv = givenPhones.subList(1, givenPhones.size() - 1);
        // begin index in gen → (given length − generated length) of the difference that starts there
        int[] delta = new int[gen.size() + 1];
        boolean[] has = new boolean[gen.size() + 1];
        int px = -1;
        int py = -1;
        for (int[] pair : lcs(gen, giv)) {
            int genLen = pair[0] - (px + 1);
            int givLen = pair[1] - (py + 1);
            if (genLen > 0 || givLen > 0) {
                has[px + 1] = true;
                delta[px + 1] = givLen - genLen;
            }
            px = pair[0];
            py = pair[1];
        }
        if (px < gen.size() - 1 || py < giv.size() - 1) {
            // SBV2 slices the tail up to len − 1, so its last phone is not part of the difference
            int genLen = Math.max(0, gen.size() - 1 - (px + 1));
            int givLen = Math.max(0, giv.size() - 1 - (py + 1));
            if (genLen > 0 || givLen > 0) {
                has[px + 1] = true;
                delta[px + 1] = givLen - genLen;
            }
        }
        int[] adj = new int[w.size()];
        int at = 0;
        for (int k = 0; k < w.size(); k++) {
            for (int r = 0; r < w.get(k); r++) {
                if (at < has.length && has[at]) {
                    adj[k] += delta[at];
                }
                adj[k] += 1;
                at++;
            }
        }
        for (int k = 0; k < adj.length; k++) {
            if (adj[k] < 1) {
                int diff = 1 - adj[k];
                adj[k] = 1;
                for (int i = 1; k + i < adj.length; i++) {
                    if (adj[k + i] - diff >= 1) {
                        adj[k + i] -= diff;
                        break;
                    }
                    diff -= adj[k + i] - 1;
                    adj[k + i] = 1;
                    if (diff == 0) {
                        break;
                    }
                }
            }
        }
        for (int k = 0; k < adj.length; k++) {
            if (adj[k] > 6) {
                int diff = adj[k] - 6;
                adj[k] = 6;
                for (int i = 1; k + i < adj.length; i++) {
                    if (adj[k + i] + diff <= 6) {
                        adj[k + i] += diff;
                        break;
                    }
                    diff -= 6 - adj[k + i];
                    adj[k + i] = 6;
                    if (diff == 0) {
                        break;
                    }
                }
            }
        }
        List<Integer> out = new ArrayList<>(adj.length + 2);
        out.add(1);
        for (int a : adj) {
            out.add(a);
        }
        out.add(1);
        return out;
    }

    /** Index pairs of one longest common subsequence, backtracked as SBV2 does (ties go up). */
    private static List<int[]> lcs(List<String> x, List<String> y) {
        int m = x.size();
        int n = y.size();
        int[][] l = new int[m + 1][n + 1];
        for (int i = 1; i <= m; i++) {
            for (int j = 1; j <= n; j++) {
                l[i][j] = x.get(i - 1).equals(y.get(j - 1)) ? l[i - 1][j - 1] + 1 : Math.max(l[i - 1][j], l[i][j - 1]);
            }
        }
        List<int[]> pairs = new ArrayList<>();
        int i = m;
        int j = n;
        while (i > 0 && j > 0) {
            if (x.get(i - 1).equals(y.get(j - 1))) {
                pairs.add(new int[]{i - 1, j - 1});
                i--;
                j--;
            } else if (l[i - 1][j] >= l[i][j - 1]) {
                i--;
            } else {
                j--;
            }
        }
        java.util.Collections.reverse(pairs);
        return pairs;
    }
}
