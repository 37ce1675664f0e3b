package dev.luna.tts.text.jtalk.dictionary;

import java.nio.ByteBuffer;

/** MeCab tokens, 16 bytes each: uint16 lcAttr, uint16 rcAttr, uint16 posid, int16 wcost, uint32 feature, uint32 compound. */
public final class TokenTable {

    static final int TOKEN_SIZE = 16;

    private final ByteBuffer tokens;
    private final int count;

    TokenTable(ByteBuffer tokens) {
        this.tokens = tokens;
        this.count = tokens.capacity() / TOKEN_SIZE;
    }

    public int size() {
        return count;
    }

    public int leftId(int token) {
        return tokens.getShort(token * TOKEN_SIZE) & 0xffff;
    }

    public int rightId(int token) {
        return tokens.getShort(token * TOKEN_SIZE + 2) & 0xffff;
    }

    public int posId(int token) {
        return tokens.getShort(token * TOKEN_SIZE + 4) & 0xffff;
    }

    public int wordCost(int token) {
        return tokens.getShort(token * TOKEN_SIZE + 6);
    }

    public int featureOffset(int token) {
        return tokens.getInt(token * TOKEN_SIZE + 8);
    }
}
