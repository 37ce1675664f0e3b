package dev.luna.tts.text;

import dev.luna.tts.text.g2p.Sbv2G2p;
import dev.luna.tts.text.g2p.Sbv2Symbols;
import dev.luna.tts.text.jtalk.JapaneseFrontend;
import dev.luna.tts.text.normalize.Sbv2Normalizer;
import dev.luna.tts.text.userdict.UserDictWord;
import dev.luna.tts.text.userdict.UserDictionary;
import dev.luna.tts.text.userdict.UserWords;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/** SBV2 2.7's Japanese text layer on an OpenJTalk-compatible frontend. Thread-safe if the frontend is. */
public final class Sbv2TextFrontend implements TextFrontend {

    private final Sbv2G2p g2p;
    private final Supplier<UserDictionary> globalDictionary;

    /** Without a global user dictionary (per-request words still apply through {@link #g2p(String, UserWords)}). */
    public Sbv2TextFrontend(JapaneseFrontend frontend) {
        this(frontend, () -> UserDictionary.EMPTY);
    }

    /**
     * With a global user dictionary: {@code globalDictionary} (e.g. {@code UserDictStore::current}) is asked
     * for its current snapshot by {@link #g2p(String)} and {@link #userWords}.
     */
    public Sbv2TextFrontend(JapaneseFrontend frontend, Supplier<UserDictionary> globalDictionary) {
        this.g2p = new Sbv2G2p(frontend);
        this.globalDictionary = Objects.requireNonNull(globalDictionary, "globalDictionary");
    }

    @Override
    public String normalize(String text) {
        String norm = text == null ? "" : Sbv2Normalizer.normalize(text);
        if (norm.isEmpty()) {
            throw new EmptyTextException("the text has nothing readable after normalization");
        }
        return norm;
    }

    @Override
    public G2pResult g2p(String normalizedText) {
        return g2p.g2p(normalizedText, userWords(List.of()));
    }

    @Override
    public G2pResult g2p(String normalizedText, UserWords words) {
        return g2p.g2p(normalizedText, words == null ? UserWords.NONE : words);
    }

    @Override
    public UserWords userWords(List<UserDictWord> requestWords) {
        return UserWords.of(globalDictionary.get(), requestWords);
    }

    /** cleaned_text_to_sequence (JP: tone + 6, language 1), then blanks (0) around every symbol. */
    @Override
    public ModelInput toModelInput(G2pResult result) {
        List<String> phones = result.phones();
        int n = phones.size();
        if (result.tones().size() != n) {
            throw new G2pException("phones and tones differ in length");
        }
        long[] ids = new long[2 * n + 1];
        long[] tones = new long[2 * n + 1];
        long[] langs = new long[2 * n + 1];
        for (int i = 0; i < n; i++) {
            int id = Sbv2Symbols.id(phones.get(i));
            if (id < 0) {
                throw new G2pException("symbol not in SBV2's table: " + phones.get(i));
            }
            ids[2 * i + 1] = id;
            tones[2 * i + 1] = result.tones().get(i) + Sbv2Symbols.JP_TONE_START;
            langs[2 * i + 1] = Sbv2Symbols.JP_LANGUAGE_ID;
        }
        List<Integer> w = result.word2ph();
        int[] word2ph = new int[w.size()];
        for (int i = 0; i < word2ph.length; i++) {
            word2ph[i] = w.get(i) * 2;
        }
        if (word2ph.length > 0) {
            word2ph[0] += 1;
        }
        return new ModelInput(ids, tones, langs, word2ph);
    }
}
