package dev.luna.tts.engine.bert;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The DeBERTa char tokenizer from tokenizer.json (DJL, never downloads): [CLS] one id per
 * character [SEP]. If the tokenizer.json groups characters (a WordPiece conversion), each
 * character is encoded on its own so the token count always matches word2ph.
 */
public final class CharTokenizer implements BertTokenizer {

    static {
        // DJL consults this before any network access (same as DJL_OFFLINE=true).
        System.setProperty("offline", "true");
    }

    private final HuggingFaceTokenizer tokenizer;
    private final long cls;
    private final long sep;
    private final long unk;

    public CharTokenizer(Path tokenizerJson) throws IOException {
        tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of("addSpecialTokens", "true"));
        long[] empty = tokenizer.encode("").getIds();
        cls = empty.length >= 1 ? empty[0] : 1;
        sep = empty.length >= 2 ? empty[1] : 2;
        long[] unkIds = tokenizer.encode("\uE000", false, false).getIds();
        unk = unkIds.length == 1 ? unkIds[0] : 3;
    }

    /** Ids of [CLS] + one per code point of {@code text} + [SEP]. */
    public long[] encode(String text) {
        int chars = text.codePointCount(0, text.length());
        Encoding e = tokenizer.encode(text);
        long[] ids = e.getIds();
        if (ids.length == chars + 2) {
            return ids;
        }
        long[] out = new long[chars + 2];
        out[0] = cls;
        out[chars + 1] = sep;
        int i = 1;
        for (int off = 0; off < text.length(); ) {
            int cp = text.codePointAt(off);
            long[] one = tokenizer.encode(new String(Character.toChars(cp)), false, false).getIds();
            out[i++] = one.length == 1 ? one[0] : unk;
            off += Character.charCount(cp);
        }
        return out;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
