package dev.luna.tts.text.userdict;

/** No word with that UUID in the user dictionary (SBV2 answers 422 here; 404 also fits). */
public final class WordNotFoundException extends UserDictException {

    public WordNotFoundException(String uuid) {
        super("word_uuid", "no word with id " + uuid);
    }
}
