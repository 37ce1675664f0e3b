package dev.luna.tts.engine.bert;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * transformers' {@code BertJapaneseTokenizer} in character mode
 * ({@code word_tokenizer_type=basic}, {@code subword_tokenizer_type=character}), the tokenizer of
 * ku-nlp/deberta-v2-large-japanese-char-wwm and of every SBV2/AivisSpeech ONNX export of it, read
 * from the folder's {@code vocab.txt} (one token per line, id = line number).
 *
 * <p>Its rules, in transformers' order:
 * <ol>
 *   <li>BasicTokenizer (with {@code tokenize_chinese_chars=False}): drop U+0000, U+FFFD and control
 *       characters, treat whitespace as a separator, lowercase and strip accents (NFD, drop Mn) only
 *       when {@code do_lower_case}, split off every punctuation character (ASCII 33-47, 58-64, 91-96,
 *       123-126 and Unicode P*), keep the special tokens ([CLS], [SEP], [UNK], [PAD], [MASK]) whole.</li>
 *   <li>CharacterTokenizer: NFKC on each word, then one token per code point; a code point not in the
 *       vocabulary becomes [UNK].</li>
 *   <li>[CLS] ... [SEP] around the result.</li>
 * </ol>
 * {@link #tokenize} does exactly that. SBV2 feeds BERT text that its normalizer already NFKC'd and
 * stripped of spaces, so there the result has one id per input character, which word2ph relies on.
 * {@link #encodePerCharacter} guarantees that count for any text: each code point is tokenized on
 * its own, and one that would vanish (space, control) or grow under NFKC (e.g. ㍿ → 株式会社)
 * becomes [UNK]. Both agree whenever the text is SBV2-normalized.
 */
public final class VocabCharTokenizer {

    private static final Set<String> SPECIAL = Set.of("[CLS]", "[SEP]", "[UNK]", "[PAD]", "[MASK]");

    private final Map<String, Integer> vocab;
    private final boolean lowerCase;
    private final int cls;
    private final int sep;
    private final int unk;

    public VocabCharTokenizer(Map<String, Integer> vocab, boolean lowerCase) {
        this.vocab = Map.copyOf(vocab);
        this.lowerCase = lowerCase;
        cls = required("[CLS]");
        sep = required("[SEP]");
        unk = required("[UNK]");
    }

    /** Reads vocab.txt; {@code do_lower_case} as the folder's tokenizer_config.json says (false for ku-nlp). */
    public static VocabCharTokenizer fromVocabFile(Path vocabTxt, boolean lowerCase) throws IOException {
        return new VocabCharTokenizer(readVocab(vocabTxt), lowerCase);
    }

    /**
     * transformers' load_vocab: each line stripped of its trailing newline (and only that; "\r" too
     * since Python's text mode reads CRLF as a line end) is a token whose id is its line index.
     * A repeated token keeps the id of its last line, as a Python dict assignment does.
     */
    public static Map<String, Integer> readVocab(Path vocabTxt) throws IOException {
        String text = Files.readString(vocabTxt, StandardCharsets.UTF_8);
        Map<String, Integer> vocab = new HashMap<>();
        int id = 0;
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            String line = text.substring(start, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            vocab.put(line, id++);
            start = end + 1;
        }
        if (vocab.isEmpty()) {
            throw new IOException(vocabTxt + " is empty");
        }
        return vocab;
    }

    private int required(String token) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new IllegalArgumentException("vocabulary has no " + token + " token");
        }
        return id;
    }

    public int clsId() {
        return cls;
    }

    public int sepId() {
        return sep;
    }

    public int unkId() {
        return unk;
    }

    public int size() {
        return vocab.size();
    }

    /** BertJapaneseTokenizer(text) ids with [CLS]/[SEP], exactly as transformers computes them. */
    public long[] tokenize(String text) {
        List<Integer> ids = new ArrayList<>();
        ids.add(cls);
        for (String word : basicTokens(text)) {
            if (SPECIAL.contains(word)) {
                ids.add(vocab.getOrDefault(word, unk));
                continue;
            }
            String norm = Normalizer.normalize(word, Normalizer.Form.NFKC);
            norm.codePoints().forEach(cp -> ids.add(vocab.getOrDefault(new String(Character.toChars(cp)), unk)));
        }
        ids.add(sep);
        return ids.stream().mapToLong(Integer::longValue).toArray();
    }

    /** [CLS] + exactly one id per code point of {@code text} + [SEP] (the service's word2ph contract). */
    public long[] encodePerCharacter(String text) {
        int n = text.codePointCount(0, text.length());
        long[] out = new long[n + 2];
        out[0] = cls;
        out[n + 1] = sep;
        int i = 1;
        for (int off = 0; off < text.length(); ) {
            int cp = text.codePointAt(off);
            off += Character.charCount(cp);
            long[] one = tokenize(new String(Character.toChars(cp)));
            out[i++] = one.length == 3 ? one[1] : unk;
        }
        return out;
    }

    /**
     * PreTrainedTokenizer.tokenize cuts the text around special tokens first (they stay whole even
     * inside a word), then BasicTokenizer.tokenize (tokenize_chinese_chars=False) runs on each piece.
     */
    List<String> basicTokens(String text) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) {
            for (String special : SPECIAL) {
                if (text.startsWith(special, i)) {
                    basicTokensOfPiece(text.substring(from, i), out);
                    out.add(special);
                    from = i + special.length();
                    i = from - 1;
                    break;
                }
            }
        }
        basicTokensOfPiece(text.substring(from), out);
        return out;
    }

    private void basicTokensOfPiece(String text, List<String> out) {
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                return;
            }
            // Zl/Zp are not whitespace to _clean_text but Python's str.split() separates on them.
            int type = Character.getType(cp);
            boolean separator = isWhitespace(cp) || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
            clean.appendCodePoint(separator ? ' ' : cp);
        });
        // Recent transformers releases NFC-normalize in BasicTokenizer before splitting; NFKC follows anyway.
        String nfc = Normalizer.normalize(clean.toString(), Normalizer.Form.NFC);
        for (String token : nfc.strip().split(" +")) {
            if (token.isEmpty()) {
                continue;
            }
            if (lowerCase) {
                token = stripAccents(token.toLowerCase(java.util.Locale.ROOT));
            }
            splitOnPunctuation(token, out);
        }
    }

    private static void splitOnPunctuation(String token, List<String> out) {
        StringBuilder cur = new StringBuilder();
        for (int off = 0; off < token.length(); ) {
            int cp = token.codePointAt(off);
            off += Character.charCount(cp);
            if (isPunctuation(cp)) {
                if (!cur.isEmpty()) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
                out.add(new String(Character.toChars(cp)));
            } else {
                cur.appendCodePoint(cp);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
    }

    private static String stripAccents(String s) {
        String nfd = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(nfd.length());
        nfd.codePoints().filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK).forEach(b::appendCodePoint);
        return b.toString();
    }

    /** transformers _is_whitespace: space, \t, \n, \r, or Unicode category Zs. */
    static boolean isWhitespace(int cp) {
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || Character.getType(cp) == Character.SPACE_SEPARATOR;
    }

    /**
     * transformers _is_control: any category starting with C (Cc, Cf, Co private use, Cs, Cn
     * unassigned), except \t \n \r (which are whitespace). So a private-use character vanishes.
     */
    static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int t = Character.getType(cp);
        return t == Character.CONTROL || t == Character.FORMAT || t == Character.PRIVATE_USE
                || t == Character.SURROGATE || t == Character.UNASSIGNED;
    }

    /** transformers _is_punctuation: the ASCII non-alphanumeric ranges, or Unicode category P*. */
    static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }
}
