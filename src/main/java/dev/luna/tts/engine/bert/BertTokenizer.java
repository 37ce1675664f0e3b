package dev.luna.tts.engine.bert;

/** Text → BERT input ids: [CLS], one id per character of the text, [SEP] (word2ph needs one token per character). */
public interface BertTokenizer extends AutoCloseable {

    long[] encode(String text);

    @Override
    default void close() {
    }

    /** BertJapaneseTokenizer's character mode from a folder's vocab.txt (SBV2 and AivisSpeech folders). */
    static BertTokenizer of(VocabCharTokenizer vocab) {
        return vocab::encodePerCharacter;
    }
}
