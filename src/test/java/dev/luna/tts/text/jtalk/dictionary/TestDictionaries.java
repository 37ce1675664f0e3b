package dev.luna.tts.text.jtalk.dictionary;

import java.nio.file.Files;
import java.nio.file.Path;

/** The Debian naist-jdic the tests run against (override with -Dluna.jtalk.dic=DIR). */
public final class TestDictionaries {

    public static final Path DIR = Path.of(System.getProperty("luna.jtalk.dic", "/var/lib/mecab/dic/open-jtalk/naist-jdic"));

    private static MecabDictionary shared;

    private TestDictionaries() {
    }

    public static synchronized MecabDictionary naistJdic() {
        if (shared == null) {
            if (!Files.isRegularFile(DIR.resolve("sys.dic"))) {
                throw new IllegalStateException("tests need " + DIR + ": apt-get install open-jtalk-mecab-naist-jdic");
            }
            shared = MecabDictionary.open(DIR);
        }
        return shared;
    }
}
