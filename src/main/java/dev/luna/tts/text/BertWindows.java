package dev.luna.tts.text;

import java.util.ArrayList;
import java.util.List;

/**
 * g2p in pieces whose BERT text fits the BERT's position table. The JP-Extra BERT
 * (ku-nlp/deberta-v2-large-japanese-char-wwm, {@code max_position_embeddings} 512, like the tiny
 * test BERT) reads {@code [CLS]}, one token per character of the BERT text and {@code [SEP]}: a
 * piece may hold at most 510 characters. SBV2 does not cut there (its auto_split cuts at lines
 * only, and BERT then fails on the long line), so where a normalized text is longer it is cut:
 * after the last sentence end (. ! ? …) in the second half of the window, else after a comma
 * ({@code ,} {@code '} {@code -}), else at the window's end but never before a long-vowel mark or
 * small kana, which belong to the mora before them. Each piece is a separate OpenJTalk analysis.
 */
public final class BertWindows {

    /** 512 positions less [CLS] and [SEP]. */
    public static final int MAX_CHARACTERS = 510;

    private BertWindows() {
    }

    /**
     * {@code frontend.g2p} of {@code normalizedText}, cut into pieces whose {@code bertText} has at
     * most {@code maxCharacters} characters; pieces with nothing to read (punctuation only) are
     * left out. Throws what g2p throws ({@link G2pException}, or {@link EmptyTextException} when
     * no piece has anything to read).
     */
    public static List<G2pResult> g2p(TextFrontend frontend, String normalizedText, int maxCharacters) {
        if (maxCharacters < 8) {
            throw new IllegalArgumentException("maxCharacters must be at least 8, got " + maxCharacters);
        }
        List<G2pResult> out = new ArrayList<>();
        cut(frontend, normalizedText, maxCharacters, out);
        if (out.isEmpty()) {
            throw new EmptyTextException("nothing to read after normalization");
        }
        return out;
    }

    private static void cut(TextFrontend frontend, String text, int max, List<G2pResult> out) {
        int limit = max;
        if (text.length() <= max) {
            G2pResult whole = g2pOrEmpty(frontend, text);
            if (whole == null) {
                return;
            }
            if (whole.bertText().length() <= max) {
                out.add(whole);
                return;
            }
            if (text.length() < 2) {
                throw new G2pException("a single character reads as more than " + max + " BERT characters: " + text);
            }
            // OpenJTalk's set_digit inserted place nodes (一二三四五 → 一万二千三百四十五): cut in half
            limit = text.length() / 2;
        }
        int at = cutPoint(text, Math.min(limit, text.length() - 1));
        cut(frontend, text.substring(0, at), max, out);
        cut(frontend, text.substring(at), max, out);
    }

    private static G2pResult g2pOrEmpty(TextFrontend frontend, String text) {
        try {
            return frontend.g2p(text);
        } catch (EmptyTextException e) {
            return null;
        }
    }

    /** An index in [1, limit] to cut {@code text} before. */
    static int cutPoint(String text, int limit) {
        int half = Math.max(1, limit / 2);
        for (String stops : new String[]{".!?…", ",'-"}) {
            for (int i = limit; i >= half; i--) {
                if (stops.indexOf(text.charAt(i - 1)) >= 0 && stops.indexOf(text.charAt(i)) < 0) {
                    return i;
                }
            }
        }
        int i = limit;
        while (i > half && belongsToPreviousMora(text.charAt(i))) {
            i--;
        }
        return i;
    }

    private static boolean belongsToPreviousMora(char c) {
        return "ーぁぃぅぇぉゃゅょゎっァィゥェォャュョヮッヵヶ".indexOf(c) >= 0;
    }
}
