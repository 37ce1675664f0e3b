package dev.luna.tts.text.jtalk.dictionary;

import java.nio.file.Path;

/** Missing, unreadable or corrupt MeCab dictionary file. Unchecked: nothing can recover from it at runtime. */
public final class DictionaryException extends RuntimeException {

    static final String HINT = "install the Debian package open-jtalk-mecab-naist-jdic "
            + "(/var/lib/mecab/dic/open-jtalk/naist-jdic) or point the configured dictionary path at it";

    public DictionaryException(String message, Throwable cause) {
        super(message, cause);
    }

    static DictionaryException of(Path file, String problem) {
        return new DictionaryException(file + ": " + problem + "; " + HINT, null);
    }

    static DictionaryException of(Path file, String problem, Throwable cause) {
        return new DictionaryException(file + ": " + problem + "; " + HINT, cause);
    }
}
