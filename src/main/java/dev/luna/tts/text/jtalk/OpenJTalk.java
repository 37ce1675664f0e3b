package dev.luna.tts.text.jtalk;

import dev.luna.tts.text.jtalk.dictionary.MecabDictionary;
import dev.luna.tts.text.jtalk.label.FullContextLabeler;
import dev.luna.tts.text.jtalk.lattice.MecabTokenizer;
import dev.luna.tts.text.jtalk.lattice.Text2Mecab;
import dev.luna.tts.text.jtalk.njd.Njd;
import dev.luna.tts.text.userdict.UserWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * OpenJTalk 1.11's front end in pure Java, output-identical to {@code open_jtalk -ot}:
 * text2mecab → MeCab → NJD rules → njd2jpcommon → JPCommon labels, in pyopenjtalk's shape.
 *
 * <p>The text is always analysed whole. Splitting at sentence ends would not be provably
 * identical: MeCab's best path before a {@code 。} depends on the {@code 。} node's context id,
 * NJD rules look across neighbouring nodes, and the labels count morae over the whole utterance.
 * Unlike the C command there is no input length limit.
 *
 * <p>Thread-safe: the dictionary is read-only and every call keeps its state on its own stack.
 */
public final class OpenJTalk implements JapaneseFrontend {
    private static final String SYMBOL_POS = "記号";
    private static final String UNVOICE_MARK = "’";

    private final MecabTokenizer tokenizer;

    public OpenJTalk(MecabDictionary dictionary) {
        this.tokenizer = new MecabTokenizer(Objects.requireNonNull(dictionary, "dictionary"));
    }

    @Override
    public List<NjdFeature> runFrontend(String text) {
        return runFrontend(text, UserWords.NONE);
    }

    /**
     * With user dictionaries: MeCab looks their words up together with naist-jdic ({@code mecab -u}); the
     * row's pronunciation, accent/mora and chain rule then drive NJD like any dictionary entry's.
     */
    @Override
    public List<NjdFeature> runFrontend(String text, UserWords words) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        UserWords w = words == null ? UserWords.NONE : words;
        return Njd.analyze(tokenizer.parse(Text2Mecab.convert(text), w.lexicons()));
    }

    @Override
    public List<String> makeLabels(List<NjdFeature> features) {
        return FullContextLabeler.makeLabels(features == null ? List.of() : features);
    }

    /**
     * pyopenjtalk's {@code g2p(text)}: the centre phoneme of every label except the first and
     * last ({@code sil}), space-separated; pauses stay {@code pau}, devoiced vowels upper case.
     */
    public String g2p(String text) {
        return String.join(" ", phonemes(text));
    }

    /** {@link #g2p(String)} with user dictionaries. */
    public String g2p(String text, UserWords words) {
        return String.join(" ", phonemes(text, words));
    }

    /** {@link #g2p} as a list ({@code g2p(text, join=False)}). */
    public List<String> phonemes(String text) {
        return phonemes(text, UserWords.NONE);
    }

    /** {@link #phonemes(String)} with user dictionaries. */
    public List<String> phonemes(String text, UserWords words) {
        List<String> labels = extractFullcontext(text, words);
        List<String> out = new ArrayList<>(Math.max(0, labels.size() - 2));
        for (int i = 1; i < labels.size() - 1; i++) {
            out.add(centrePhoneme(labels.get(i)));
        }
        return out;
    }

    /**
     * pyopenjtalk's {@code g2p(text, kana=True)}: each node's pronunciation (a symbol's surface
     * instead), with the devoicing mark {@code ’} removed, concatenated.
     */
    public String g2pKana(String text) {
        return g2pKana(text, UserWords.NONE);
    }

    /** {@link #g2pKana(String)} with user dictionaries. */
    public String g2pKana(String text, UserWords words) {
        StringBuilder sb = new StringBuilder();
        for (NjdFeature f : runFrontend(text, words)) {
            String p = SYMBOL_POS.equals(f.pos()) ? f.string() : f.pron();
            if (p != null) {
                sb.append(p.replace(UNVOICE_MARK, ""));
            }
        }
        return sb.toString();
    }

    /** {@code label.split("-")[1].split("+")[0]}, as pyopenjtalk takes it. */
    private static String centrePhoneme(String label) {
        int minus = label.indexOf('-');
        int secondMinus = label.indexOf('-', minus + 1);
        String field = secondMinus < 0 ? label.substring(minus + 1) : label.substring(minus + 1, secondMinus);
        int plus = field.indexOf('+');
        return plus < 0 ? field : field.substring(0, plus);
    }
}
