package dev.luna.tts.text.g2p;

import dev.luna.tts.text.jtalk.JapaneseFrontend;
import dev.luna.tts.text.jtalk.NjdFeature;
import dev.luna.tts.text.jtalk.dictionary.MecabDictionary;
import dev.luna.tts.text.jtalk.label.FullContextLabeler;
import dev.luna.tts.text.jtalk.lattice.MecabTokenizer;
import dev.luna.tts.text.jtalk.lattice.Text2Mecab;
import dev.luna.tts.text.jtalk.njd.Njd;

import java.nio.file.Path;
import java.util.List;

/**
 * The pure-Java OpenJTalk stages (jtalk-mecab, jtalk-njd, jtalk-label branches) wired together
 * until the {@code OpenJTalk} facade lands; then tests should use the facade instead.
 */
final class PortedJTalkFrontend implements JapaneseFrontend {

    static final Path DICTIONARY = Path.of("/var/lib/mecab/dic/open-jtalk/naist-jdic");

    private final MecabTokenizer tokenizer;

    PortedJTalkFrontend(MecabDictionary dictionary) {
        this.tokenizer = new MecabTokenizer(dictionary);
    }

    @Override
    public List<NjdFeature> runFrontend(String text) {
        return Njd.analyze(tokenizer.parse(Text2Mecab.convert(text)));
    }

    @Override
    public List<String> makeLabels(List<NjdFeature> features) {
        return FullContextLabeler.makeLabels(features);
    }
}
