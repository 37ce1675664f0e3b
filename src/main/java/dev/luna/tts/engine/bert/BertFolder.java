package dev.luna.tts.engine.bert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A BERT folder as SBV2 2.7 ({@code convert_bert_onnx.py}: {@code bert/deberta-v2-large-japanese-char-wwm-onnx/})
 * and AivisSpeech (the Hugging Face repo tsukumijima/deberta-v2-large-japanese-char-wwm-onnx) lay
 * it out, used as is: the graph is {@code model.onnx} or {@code model_fp16.onnx} (fp16 weights,
 * fp32 inputs and outputs), the tokenizer is {@code vocab.txt} read in BertJapaneseTokenizer's
 * character mode ({@link VocabCharTokenizer}).
 *
 * <p>The {@code tokenizer.json} SBV2 writes there (and onnx-export writes for DJL) is a WordPiece
 * conversion ({@code BertConverter}); its vocabulary has no {@code ##} continuation entries, so by
 * WordPiece's rules a multi-character word that is not itself in the vocabulary becomes one [UNK]
 * instead of one token per character. It is therefore never used when {@code vocab.txt} is there;
 * only a folder without vocab.txt falls back to that file's vocabulary (still tokenized per
 * character).
 *
 * @param dir             the folder
 * @param model           the graph chosen (see {@link Precision})
 * @param cudaModel       {@code <stem>.cuda.onnx} beside it (onnx-export's Conv-free variant), or null
 * @param vocabSource     vocab.txt, or tokenizer.json when the folder has no vocab.txt
 * @param lowerCase       tokenizer_config.json's do_lower_case (false when absent, as for ku-nlp)
 * @param ignoredTokenizerJson the tokenizer.json not used for tokenizing, or null
 */
public record BertFolder(Path dir, Path model, Path cudaModel, Path vocabSource, boolean lowerCase,
                         Path ignoredTokenizerJson) {

    public static final String FP32 = "model.onnx";
    public static final String FP16 = "model_fp16.onnx";

    /** Which graph a folder holding both {@code model.onnx} and {@code model_fp16.onnx} gives. */
    public enum Precision {
        /** model.onnx when present (SBV2's default, closest to PyTorch), else model_fp16.onnx. */
        FP32_FIRST,
        /** model_fp16.onnx when present (half the memory), else model.onnx. */
        FP16_FIRST
    }

    private static final System.Logger LOG = System.getLogger(BertFolder.class.getName());

    /** True when {@code dir} holds a graph under either name (what a repository scan should glob for). */
    public static boolean isBertFolder(Path dir) {
        return Files.isRegularFile(dir.resolve(FP32)) || Files.isRegularFile(dir.resolve(FP16));
    }

    /**
     * Resolves a folder (no logging: cheap enough for every repository scan).
     *
     * @throws IOException naming the folder and what is missing or unsupported
     */
    public static BertFolder resolve(Path dir, Precision precision) throws IOException {
        Path fp32 = dir.resolve(FP32);
        Path fp16 = dir.resolve(FP16);
        Path model;
        boolean has32 = Files.isRegularFile(fp32);
        boolean has16 = Files.isRegularFile(fp16);
        if (!has32 && !has16) {
            throw new IOException("BERT folder " + dir + " has neither " + FP32 + " nor " + FP16);
        }
        if (has32 && has16) {
            model = precision == Precision.FP16_FIRST ? fp16 : fp32;
        } else {
            model = has32 ? fp32 : fp16;
        }
        String stem = model.getFileName().toString().replaceFirst("\\.onnx$", "");
        Path cuda = dir.resolve(stem + ".cuda.onnx");

        boolean lowerCase = false;
        Path config = dir.resolve("tokenizer_config.json");
        if (Files.isRegularFile(config)) {
            JsonNode c = new ObjectMapper().readTree(config.toFile());
            JsonNode sub = c.get("subword_tokenizer_type");
            if (sub != null && !"character".equals(sub.asText())) {
                throw new IOException(config + ": subword_tokenizer_type is \"" + sub.asText()
                        + "\"; only BertJapaneseTokenizer's character mode (one token per character) is supported");
            }
            JsonNode word = c.get("word_tokenizer_type");
            if (word != null && !"basic".equals(word.asText())) {
                throw new IOException(config + ": word_tokenizer_type is \"" + word.asText()
                        + "\"; only \"basic\" (no morphological analyser) is supported");
            }
            lowerCase = c.path("do_lower_case").asBoolean(false);
        }

        Path vocab = dir.resolve("vocab.txt");
        Path tokenizerJson = dir.resolve("tokenizer.json");
        boolean hasJson = Files.isRegularFile(tokenizerJson);
        if (Files.isRegularFile(vocab)) {
            return new BertFolder(dir, model, Files.isRegularFile(cuda) ? cuda : null, vocab, lowerCase,
                    hasJson ? tokenizerJson : null);
        }
        if (hasJson) {
            return new BertFolder(dir, model, Files.isRegularFile(cuda) ? cuda : null, tokenizerJson, lowerCase, null);
        }
        throw new IOException("BERT folder " + dir + " has no vocab.txt (nor a tokenizer.json to take the vocabulary from)");
    }

    /**
     * The tokenizer of this folder, with one INFO line saying where its vocabulary comes from when a
     * tokenizer.json is there (ignored, or used for its vocabulary only).
     */
    public VocabCharTokenizer tokenizer() throws IOException {
        if (vocabSource.getFileName().toString().equals("vocab.txt")) {
            if (ignoredTokenizerJson != null) {
                LOG.log(System.Logger.Level.INFO, "BERT " + dir + ": tokenizing from vocab.txt (BertJapaneseTokenizer"
                        + " character mode); tokenizer.json ignored (a WordPiece conversion: it maps multi-character"
                        + " words missing from the vocabulary to [UNK])");
            }
            return VocabCharTokenizer.fromVocabFile(vocabSource, lowerCase);
        }
        LOG.log(System.Logger.Level.INFO, "BERT " + dir + ": no vocab.txt; tokenizing per character with the"
                + " vocabulary of tokenizer.json");
        return new VocabCharTokenizer(vocabOfTokenizerJson(vocabSource), lowerCase);
    }

    /** The token → id map of a Hugging Face tokenizer.json (model.vocab), special tokens included. */
    public static Map<String, Integer> vocabOfTokenizerJson(Path tokenizerJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(tokenizerJson.toFile());
        JsonNode v = root.path("model").path("vocab");
        if (!v.isObject()) {
            throw new IOException(tokenizerJson + " has no model.vocab object");
        }
        Map<String, Integer> vocab = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            vocab.put(e.getKey(), e.getValue().asInt());
        }
        for (JsonNode added : root.path("added_tokens")) {
            vocab.put(added.path("content").asText(), added.path("id").asInt());
        }
        return vocab;
    }

    /**
     * The int64 [1, L] inputs a BERT graph takes, by name: input_ids, attention_mask (all ones) and,
     * for exports that kept it, token_type_ids (all zeros: DeBERTa-v2 char-wwm has
     * type_vocab_size 0, and transformers feeds zeros for a single sequence).
     *
     * @throws IllegalArgumentException naming an input this contract does not know, or a missing one
     */
    public static Map<String, long[]> feeds(Collection<String> graphInputs, long[] ids) {
        long[] mask = new long[ids.length];
        java.util.Arrays.fill(mask, 1);
        return feeds(graphInputs, ids, mask);
    }

    /**
     * The same for a padded batch, flattened [B·L]: {@code ids} and {@code mask} as BertModel builds
     * them; token_type_ids (when the graph has it) all zeros of the same length.
     */
    public static Map<String, long[]> feeds(Collection<String> graphInputs, long[] ids, long[] mask) {
        if (!graphInputs.contains("input_ids") || !graphInputs.contains("attention_mask")) {
            throw new IllegalArgumentException("BERT graph needs inputs input_ids and attention_mask, has " + graphInputs);
        }
        if (mask.length != ids.length) {
            throw new IllegalArgumentException("attention_mask has " + mask.length + " entries for " + ids.length + " ids");
        }
        Map<String, long[]> out = new LinkedHashMap<>();
        for (String name : graphInputs) {
            long[] v = switch (name) {
                case "input_ids" -> ids.clone();
                case "attention_mask" -> mask.clone();
                case "token_type_ids" -> new long[ids.length];
                default -> throw new IllegalArgumentException("BERT graph input " + name
                        + " is not one of input_ids, attention_mask, token_type_ids");
            };
            out.put(name, v);
        }
        return out;
    }
}
