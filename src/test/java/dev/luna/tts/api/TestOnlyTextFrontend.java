package dev.luna.tts.api;

import dev.luna.tts.text.EmptyTextException;
import dev.luna.tts.text.G2pResult;
import dev.luna.tts.text.ModelInput;
import dev.luna.tts.text.TextFrontend;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * TEST-ONLY double of the text stage, used until the real Sbv2TextFrontend (branches jtalk-*,
 * sbv2-g2p) is merged: keeps kana/kanji/punctuation, one phone "a" (id 8) per character with tone
 * 0, so the shape contract (word2ph, blanks) holds. It does not read Japanese.
 */
@ApplicationScoped
public class TestOnlyTextFrontend implements TextFrontend {

    @Override
    public String normalize(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().filter(c -> Character.isLetter(c) || c == '。' || c == '、' || c == '!' || c == '?')
                .forEach(c -> sb.appendCodePoint(c == '。' ? '.' : c == '、' ? ',' : c));
        if (sb.chars().noneMatch(Character::isLetter)) {
            throw new EmptyTextException("nothing readable");
        }
        return sb.toString();
    }

    @Override
    public G2pResult g2p(String norm) {
        List<String> phones = new ArrayList<>(List.of("_"));
        List<Integer> tones = new ArrayList<>(List.of(0));
        List<Integer> w2p = new ArrayList<>(List.of(1));
        norm.codePoints().forEach(c -> {
            phones.add(Character.isLetter(c) ? "a" : new String(Character.toChars(c)));
            tones.add(0);
            w2p.add(1);
        });
        phones.add("_");
        tones.add(0);
        w2p.add(1);
        return new G2pResult(norm, norm, phones, tones, w2p);
    }

    @Override
    public ModelInput toModelInput(G2pResult g) {
        int n = g.phones().size();
        long[] ph = new long[2 * n + 1];
        long[] to = new long[2 * n + 1];
        long[] la = new long[2 * n + 1];
        for (int i = 0; i < n; i++) {
            String p = g.phones().get(i);
            ph[2 * i + 1] = p.equals("_") ? 0 : p.equals("a") ? 8 : p.equals(".") ? 107 : 103;
            to[2 * i + 1] = 6 + g.tones().get(i);
            la[2 * i + 1] = 1;
        }
        int[] w = new int[g.word2ph().size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = 2 * g.word2ph().get(i);
        }
        w[0] += 1;
        return new ModelInput(ph, to, la, w);
    }
}
